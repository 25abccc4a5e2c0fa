namespace Gongkai.Functions.Records;

/// <summary>
/// Counts the record commits this process made. The query API's response cache (<see cref="Api.ResponseCache"/>)
/// drops everything it holds when the count moves, so a read after a write through the same process never sees the
/// older answer.
/// </summary>
public sealed class RecordGeneration
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
