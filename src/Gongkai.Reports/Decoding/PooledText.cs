using System.Buffers;

namespace Gongkai.Reports.Decoding;

/// <summary>A report's decoded characters, in a pooled buffer when it came from one; dispose to return the buffer.</summary>
internal sealed class PooledText(ReadOnlyMemory<char> chars, char[]? pooled, DecodingInfo decoding, bool isHtml) : IDisposable
{
    private char[]? pooled = pooled;

    public ReadOnlyMemory<char> Chars { get; private set; } = chars;

    public DecodingInfo Decoding { get; } = decoding;

    /// <summary>False for plain text (a <c>.txt</c> file, <c>text/plain</c>, or no markup found).</summary>
    public bool IsHtml { get; } = isHtml;

    public void Dispose()
    {
        if (pooled is { } buffer)
        {
            pooled = null;
            Chars = ReadOnlyMemory<char>.Empty;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
