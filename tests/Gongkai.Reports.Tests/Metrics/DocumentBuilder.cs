using System.Text;

namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// Builds a <see cref="ReportDocument"/> the way the text side hands it over: lines of text, tables as grids whose
/// merged cells fill every slot they cover and whose rows appear in the text as tab-joined lines.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder match = new();
    private readonly List<TableGrid> tables = [];
    private readonly List<(string Kind, string Heading, int Start)> sections = [];

    public int? Year { get; set; }

    /// <summary>A line of text; <paramref name="matchText"/> gives its Simplified form when it is written in Traditional script.</summary>
    public DocumentBuilder Line(string line, string? matchText = null)
    {
        if (matchText is not null && matchText.Length != line.Length)
        {
            throw new ArgumentException("The match text must have the same length as the text.", nameof(matchText));
        }

        text.Append(line).Append('\n');
        match.Append(Fold(matchText ?? line)).Append('\n');
        return this;
    }

    public DocumentBuilder Section(string kind, string heading, string? matchText = null)
    {
        sections.Add((kind, heading, text.Length));
        return Line(heading, matchText);
    }

    /// <summary>A table from rows of cells; a cell is written "text" or "text|r2" / "text|c3" / "text|r2c3" for its spans.</summary>
    public DocumentBuilder Table(params string[][] rows)
    {
        var parsed = rows.Select(r => r.Select(ParseCell).ToList()).ToList();
        var columnCount = 0;
        var occupied = new Dictionary<(int, int), bool>();
        var placements = new List<(int Row, int Column, string Text, int RowSpan, int ColSpan)>();
        for (var r = 0; r < parsed.Count; r++)
        {
            var c = 0;
            foreach (var (cellText, rowSpan, colSpan) in parsed[r])
            {
                while (occupied.ContainsKey((r, c)))
                {
                    c++;
                }

                placements.Add((r, c, cellText, rowSpan, colSpan));
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    for (var dc = 0; dc < colSpan; dc++)
                    {
                        occupied[(r + dr, c + dc)] = true;
                    }
                }

                c += colSpan;
                columnCount = Math.Max(columnCount, c);
            }
        }

        var rowCount = parsed.Count;
        var start = text.Length;
        var starts = new int[placements.Count];
        for (var r = 0; r < rowCount; r++)
        {
            var first = true;
            for (var p = 0; p < placements.Count; p++)
            {
                if (placements[p].Row != r)
                {
                    continue;
                }

                if (!first)
                {
                    text.Append('\t');
                    match.Append('\t');
                }

                first = false;
                starts[p] = text.Length;
                text.Append(placements[p].Text);
                match.Append(Fold(placements[p].Text));
            }

            text.Append('\n');
            match.Append('\n');
        }

        var cells = new TableCell[rowCount, columnCount];
        for (var p = 0; p < placements.Count; p++)
        {
            var (row, column, cellText, rowSpan, colSpan) = placements[p];
            for (var dr = 0; dr < rowSpan && row + dr < rowCount; dr++)
            {
                for (var dc = 0; dc < colSpan; dc++)
                {
                    cells[row + dr, column + dc] = new TableCell(row + dr, column + dc, cellText, Fold(cellText), rowSpan, colSpan, dr == 0 && dc == 0, starts[p]);
                }
            }
        }

        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < columnCount; c++)
            {
                cells[r, c] ??= new TableCell(r, c, "", "", 1, 1, true, -1);
            }
        }

        tables.Add(new TableGrid(tables.Count, cells, start, text.Length));
        return this;
    }

    public ReportDocument Build()
    {
        var full = text.ToString();
        var list = new List<ReportSection>();
        for (var i = 0; i < sections.Count; i++)
        {
            var end = i + 1 < sections.Count ? sections[i + 1].Start : full.Length;
            list.Add(new ReportSection(sections[i].Kind, sections[i].Heading, sections[i].Start, end));
        }

        return new ReportDocument
        {
            Text = full,
            MatchText = match.ToString(),
            Tables = tables,
            Sections = list,
            ReportYear = Year,
        };
    }

    private static (string Text, int RowSpan, int ColSpan) ParseCell(string spec)
    {
        var bar = spec.LastIndexOf('|');
        if (bar < 0)
        {
            return (spec, 1, 1);
        }

        var spans = spec[(bar + 1)..];
        int rowSpan = 1, colSpan = 1;
        var i = 0;
        while (i < spans.Length)
        {
            var kind = spans[i++];
            var j = i;
            while (j < spans.Length && char.IsAsciiDigit(spans[j]))
            {
                j++;
            }

            var n = int.Parse(spans[i..j], System.Globalization.CultureInfo.InvariantCulture);
            if (kind == 'r')
            {
                rowSpan = n;
            }
            else
            {
                colSpan = n;
            }

            i = j;
        }

        return (spec[..bar], rowSpan, colSpan);
    }

    // The text side folds full-width characters to ASCII in the match text, one for one.
    private static string Fold(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                chars[i] = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
