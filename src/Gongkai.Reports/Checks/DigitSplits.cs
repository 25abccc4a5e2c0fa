namespace Gongkai.Reports.Checks;

/// <summary>
/// The ways a run of digits whose cell boundaries were lost (<c>91120023108</c>) can be cut back into cells: every
/// part a whole number written as a table writes it (no leading zero, <c>0</c> alone), at most
/// <see cref="MaxCellDigits"/> digits, and the row's own rule satisfied.
/// </summary>
internal static class DigitSplits
{
    /// <summary>A count in these tables has at most seven digits; longer parts are not considered.</summary>
    public const int MaxCellDigits = 7;

    /// <summary>Enough candidates to show a row is open; beyond this the row is not worth solving.</summary>
    public const int MaxCandidates = 4096;

    /// <summary>
    /// Every cut of <paramref name="digits"/> into <paramref name="parts"/> cells for which
    /// <paramref name="rule"/> holds, as the cells' (start, length) within the digits and their values.
    /// </summary>
    public static List<DigitSplit> Enumerate(string digits, int parts, Func<long[], bool> rule)
    {
        var result = new List<DigitSplit>();
        if (digits.Length < parts || digits.Length > parts * MaxCellDigits)
        {
            return result;
        }

        var starts = new int[parts];
        var values = new long[parts];
        Cut(digits, 0, 0, starts, values, rule, result);
        return result;
    }

    private static void Cut(string digits, int part, int at, int[] starts, long[] values, Func<long[], bool> rule, List<DigitSplit> result)
    {
        if (result.Count >= MaxCandidates)
        {
            return;
        }

        var parts = starts.Length;
        var remainingParts = parts - part;
        var remaining = digits.Length - at;
        if (remaining < remainingParts || remaining > remainingParts * MaxCellDigits)
        {
            return;
        }

        if (part == parts - 1)
        {
            if (remaining > 1 && digits[at] == '0')
            {
                return;
            }

            starts[part] = at;
            values[part] = long.Parse(digits.AsSpan(at));
            if (rule(values))
            {
                result.Add(new DigitSplit([.. starts], [.. values], digits.Length));
            }

            return;
        }

        var longest = digits[at] == '0' ? 1 : Math.Min(MaxCellDigits, remaining - (remainingParts - 1));
        for (var length = 1; length <= longest; length++)
        {
            starts[part] = at;
            values[part] = long.Parse(digits.AsSpan(at, length));
            Cut(digits, part + 1, at + length, starts, values, rule, result);
        }
    }
}

/// <summary>One way of cutting a digit run into cells.</summary>
internal sealed record DigitSplit(int[] Starts, long[] Values, int Length)
{
    public int LengthOf(int part) => (part + 1 < Starts.Length ? Starts[part + 1] : Length) - Starts[part];
}
