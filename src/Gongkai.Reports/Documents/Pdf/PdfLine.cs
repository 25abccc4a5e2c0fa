using System.Text;
using UglyToad.PdfPig.Content;

namespace Gongkai.Reports.Documents.Pdf;

/// <summary>A run of letters on one baseline with no wide gap: a phrase of prose or one table cell's line.</summary>
internal sealed record PdfSegment(double Left, double Right, string Text)
{
    public double Center => (Left + Right) / 2;

    /// <summary>Digits, separators and signs only (a table value), e.g. <c>1,873</c>, <c>12.5</c>, <c>-</c>.</summary>
    public bool IsNumber { get; } = IsNumeric(Text);

    private static bool IsNumeric(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９')
            {
                digits++;
            }
            else if (c is not (',' or '.' or '，' or '．' or '-' or '%' or ' '))
            {
                return false;
            }
        }

        return digits > 0;
    }
}

/// <summary>The letters of a page that share a baseline, split into segments at wide gaps.</summary>
internal sealed class PdfLine(int page, double baseline, double size, List<PdfSegment> segments)
{
    public int Page { get; } = page;

    /// <summary>The baseline's y, growing upwards (PDF user space).</summary>
    public double Baseline { get; } = baseline;

    /// <summary>The median point size of the line's letters.</summary>
    public double Size { get; } = size;

    public List<PdfSegment> Segments { get; } = segments;

    public double Left => Segments[0].Left;

    public double Right => Segments[^1].Right;

    public string Text => Segments.Count == 1 ? Segments[0].Text : string.Join(' ', Segments.Select(s => s.Text));

    /// <summary>
    /// Groups a page's letters into lines, top to bottom. Letters whose baselines lie within 0.4 of their size of
    /// each other share a line; within a line a gap wider than 0.8 of the size ends a segment (table cells are at
    /// least two paddings apart; CJK prose has no gaps at all) and a gap over 0.2 is a space.
    /// </summary>
    public static List<PdfLine> Read(IReadOnlyList<Letter> letters, int page)
    {
        var placed = new List<Letter>(letters.Count);
        foreach (var letter in letters)
        {
            // Rotated text is a watermark or a margin note, not the report's text.
            if (letter.TextOrientation == TextOrientation.Horizontal && letter.Value.Length > 0 && !string.IsNullOrWhiteSpace(letter.Value))
            {
                placed.Add(letter);
            }
        }

        placed.Sort((a, b) => b.StartBaseLine.Y.CompareTo(a.StartBaseLine.Y));
        var lines = new List<PdfLine>();
        var start = 0;
        while (start < placed.Count)
        {
            var y = placed[start].StartBaseLine.Y;
            var tolerance = Math.Max(1, SizeOf(placed[start]) * 0.4);
            var end = start + 1;
            while (end < placed.Count && y - placed[end].StartBaseLine.Y <= tolerance)
            {
                end++;
            }

            lines.Add(Build(placed.GetRange(start, end - start), page));
            start = end;
        }

        return lines;
    }

    private static PdfLine Build(List<Letter> letters, int page)
    {
        letters.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        var sizes = letters.Select(SizeOf).Order().ToList();
        var size = Math.Max(1, sizes[sizes.Count / 2]);
        var segments = new List<PdfSegment>();
        var text = new StringBuilder();
        var left = letters[0].StartBaseLine.X;
        var right = left;
        foreach (var letter in letters)
        {
            var x = letter.StartBaseLine.X;
            if (text.Length > 0)
            {
                var gap = x - right;
                if (gap > size * 0.8)
                {
                    segments.Add(new PdfSegment(left, right, text.ToString()));
                    text.Clear();
                    left = x;
                }
                else if (gap > size * 0.2)
                {
                    text.Append(' ');
                }
            }

            text.Append(letter.Value);
            right = Math.Max(right, Math.Max(letter.EndBaseLine.X, x + letter.Width));
        }

        segments.Add(new PdfSegment(left, right, text.ToString()));
        return new PdfLine(page, letters.Average(l => l.StartBaseLine.Y), size, segments);
    }

    private static double SizeOf(Letter letter) => letter.PointSize > 0 ? letter.PointSize : letter.BoundingBox.Height;
}
