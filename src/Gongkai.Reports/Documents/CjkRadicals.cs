namespace Gongkai.Reports.Documents;

/// <summary>
/// Replaces the radicals and compatibility ideographs that PDF text extraction yields (a CJK font shares one glyph
/// between 行 and the radical ⾏, and the ToUnicode map names the radical) by the ideographs, char for char.
/// </summary>
internal static class CjkRadicals
{
    public static string Normalize(string text, ref int replaced)
    {
        var index = IndexOfMapped(text);
        if (index < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = index; i < chars.Length; i++)
        {
            var mapped = Map(chars[i]);
            if (mapped != '\0')
            {
                chars[i] = mapped;
                replaced++;
            }
        }

        return new string(chars);
    }

    public static char Map(char c)
    {
        if (c >= CjkRadicalTable.RadicalsFirst && c <= CjkRadicalTable.RadicalsLast)
        {
            return CjkRadicalTable.Radicals[c - CjkRadicalTable.RadicalsFirst];
        }

        if (c >= CjkRadicalTable.CompatibilityFirst && c <= CjkRadicalTable.CompatibilityLast)
        {
            return CjkRadicalTable.Compatibility[c - CjkRadicalTable.CompatibilityFirst];
        }

        return '\0';
    }

    private static int IndexOfMapped(string text)
    {
        var span = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var i = span.IndexOfAnyInRange(CjkRadicalTable.RadicalsFirst, CjkRadicalTable.RadicalsLast);
            var j = span.IndexOfAnyInRange(CjkRadicalTable.CompatibilityFirst, CjkRadicalTable.CompatibilityLast);
            var first = i < 0 ? j : j < 0 ? i : Math.Min(i, j);
            if (first < 0)
            {
                return -1;
            }

            if (Map(span[first]) != '\0')
            {
                return offset + first;
            }

            offset += first + 1;
            span = span[(first + 1)..];
        }
    }
}
