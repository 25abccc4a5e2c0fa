namespace Gongkai.Reports.Numbers;

/// <summary>What a table cell or a phrase says as a number.</summary>
public enum WrittenNumberKind
{
    /// <summary>A number (possibly with a unit and a multiplier).</summary>
    Number,

    /// <summary>Blank, a dash, 无 or 空: the document does not state a figure (absent, not zero).</summary>
    NotStated,

    /// <summary>A percentage: never a figure's value.</summary>
    Percentage,

    /// <summary>Text that should have been a number but is damaged (replacement characters, mis-decoding).</summary>
    Damaged,

    /// <summary>Plain text, no number.</summary>
    Text,
}

/// <param name="Value">The value after the multiplier (12.85万 → 128500).</param>
/// <param name="Written">The number as written (12.85).</param>
/// <param name="Unit">The unit as written after the number (件, 万条, 万元 …), or null.</param>
/// <param name="Multiplier">10000 for 万, otherwise 1.</param>
/// <param name="Length">For numbers found in running text: characters consumed from the start (number and unit).</param>
public readonly record struct WrittenNumber(
    WrittenNumberKind Kind,
    decimal Value,
    decimal Written,
    string? Unit,
    decimal Multiplier,
    int Length)
{
    public static WrittenNumber NotStated { get; } = new(WrittenNumberKind.NotStated, 0, 0, null, 1, 0);

    public static WrittenNumber Damaged { get; } = new(WrittenNumberKind.Damaged, 0, 0, null, 1, 0);

    public static WrittenNumber Text { get; } = new(WrittenNumberKind.Text, 0, 0, null, 1, 0);

    public static WrittenNumber Percentage { get; } = new(WrittenNumberKind.Percentage, 0, 0, null, 1, 0);

    public bool IsNumber => Kind == WrittenNumberKind.Number;
}
