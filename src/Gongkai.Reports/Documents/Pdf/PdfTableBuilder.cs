using System.Text;
using Gongkai.Reports.Html;

namespace Gongkai.Reports.Documents.Pdf;

/// <summary>
/// Rebuilds a table from the positions of its words: rows by baseline, columns by the x-ranges of the cells, merged
/// cells by the columns their text spans. A cell's text that wraps continues on the next line in the same x-range
/// (a baseline within 1.4 sizes); values centred beside a two-line label join the label's row. A header repeated at
/// the top of the next page is dropped, so a table split over two pages is one table.
/// </summary>
internal static class PdfTableBuilder
{
    private const double LineGap = 1.4;

    public static (RawTable Table, int[] RowPages)? Build(IReadOnlyList<PdfLine> lines)
    {
        var rows = ReadRows(lines);
        DropRepeatedHeaders(rows);
        if (rows.Count < 2)
        {
            return null;
        }

        var bands = Bands(rows);
        if (bands.Count < 2 || bands.Count > DocumentLimits.MaxColumns)
        {
            return null;
        }

        foreach (var row in rows)
        {
            Place(row, bands);
        }

        var firstValueRow = rows.FindIndex(r => r.Cells.Any(c => c.IsNumber));
        var headerRows = firstValueRow < 0 ? 0 : firstValueRow;
        var labelBands = rows.Skip(headerRows).SelectMany(r => r.Cells).Where(c => c.IsNumber).Select(c => c.First).DefaultIfEmpty(bands.Count).Min();
        var builder = new RawTableBuilder(rows.Count, bands.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var cell in rows[r].Cells)
            {
                var span = 1;
                while (r + span < rows.Count && Continues(rows, r, r + span, cell, headerRows, labelBands))
                {
                    span++;
                }

                builder.Add(r, cell.First, span, cell.Last - cell.First + 1, cell.Text.ToString());
            }
        }

        return (builder.Build(), rows.Select(r => r.Page).ToArray());
    }

    private static List<Row> ReadRows(IReadOnlyList<PdfLine> lines)
    {
        var rows = new List<Row>();
        foreach (var line in lines)
        {
            var started = new List<Cell>();
            foreach (var segment in line.Segments)
            {
                if (Continued(rows, line, segment) is { } cell)
                {
                    cell.Append(segment, line.Baseline);
                }
                else
                {
                    started.Add(new Cell(segment, line.Baseline, line.Size));
                }
            }

            if (started.Count == 0)
            {
                continue;
            }

            var current = rows.Count > 0 ? rows[^1] : null;
            var sameRow = current is not null && current.Page == line.Page
                && current.Baseline - line.Baseline <= LineGap * line.Size
                && !started.Any(s => current.Cells.Any(c => Overlaps(c.Left, c.Right, s.Left, s.Right)));
            if (sameRow)
            {
                current!.Cells.AddRange(started);
            }
            else
            {
                rows.Add(new Row(line.Page, line.Baseline, started));
            }
        }

        foreach (var row in rows)
        {
            row.Cells.Sort((a, b) => a.Left.CompareTo(b.Left));
        }

        return rows;
    }

    /// <summary>The cell a segment continues: the nearest one above it in the same x-range, at most a line away.</summary>
    private static Cell? Continued(List<Row> rows, PdfLine line, PdfSegment segment)
    {
        for (var r = rows.Count - 1; r >= 0 && r >= rows.Count - 4; r--)
        {
            foreach (var cell in rows[r].Cells)
            {
                if (rows[r].Page == line.Page
                    && cell.LastBaseline - line.Baseline > 0
                    && cell.LastBaseline - line.Baseline <= LineGap * line.Size
                    && Overlaps(cell.Left, cell.Right, segment.Left, segment.Right))
                {
                    return cell;
                }
            }
        }

        return null;
    }

    private static void DropRepeatedHeaders(List<Row> rows)
    {
        var headerCount = rows.FindIndex(r => r.Cells.Any(c => c.IsNumber));
        if (headerCount <= 0)
        {
            return;
        }

        var header = rows.Take(headerCount).Select(r => r.Signature).ToList();
        for (var i = headerCount; i < rows.Count; i++)
        {
            if (rows[i].Page != rows[i - 1].Page
                && i + headerCount <= rows.Count
                && rows.Skip(i).Take(headerCount).Select(r => r.Signature).SequenceEqual(header))
            {
                rows.RemoveRange(i, headerCount);
            }
        }
    }

    /// <summary>
    /// The column bands: the cells of the fullest row, plus any cell of another row that lies outside them and is not
    /// a merged cell centred between two of them.
    /// </summary>
    private static List<(double Left, double Right)> Bands(List<Row> rows)
    {
        var seed = rows.MaxBy(r => r.Cells.Count)!;
        var bands = seed.Cells.Select(c => (c.Left, c.Right)).ToList();
        foreach (var row in rows.OrderByDescending(r => r.Cells.Count))
        {
            foreach (var cell in row.Cells)
            {
                if (bands.Any(b => Overlaps(b.Left, b.Right, cell.Left, cell.Right)))
                {
                    continue;
                }

                var next = bands.FindIndex(b => b.Left > cell.Right);
                var centredBetween = next > 0
                    && Math.Abs(cell.Center - ((bands[next - 1].Right + bands[next].Left) / 2)) < cell.Size;
                if (!centredBetween)
                {
                    bands.Insert(next < 0 ? bands.Count : next, (cell.Left, cell.Right));
                }
            }
        }

        return bands;
    }

    /// <summary>Gives each cell of a row its first and last band; a cell with free bands on both sides grows over them evenly (a merged cell's text is centred).</summary>
    private static void Place(Row row, List<(double Left, double Right)> bands)
    {
        var bounds = new double[bands.Count + 1];
        bounds[0] = double.NegativeInfinity;
        bounds[^1] = double.PositiveInfinity;
        for (var k = 1; k < bands.Count; k++)
        {
            bounds[k] = (bands[k - 1].Right + bands[k].Left) / 2;
        }

        var taken = new bool[bands.Count];
        var placed = new List<Cell>();
        foreach (var cell in row.Cells)
        {
            var inset = cell.Size * 0.25;
            var first = -1;
            var last = -1;
            for (var k = 0; k < bands.Count; k++)
            {
                if (Overlaps(bounds[k], bounds[k + 1], cell.Left + inset, cell.Right - inset))
                {
                    first = first < 0 ? k : first;
                    last = k;
                }
            }

            if (first < 0)
            {
                first = last = Enumerable.Range(0, bands.Count).MinBy(k => Math.Abs(((bands[k].Left + bands[k].Right) / 2) - cell.Center));
            }

            while (first <= last && taken[first])
            {
                first++;
            }

            if (first > last)
            {
                // Two pieces of text in one column of one row: one cell.
                placed[^1].Text.Append(' ').Append(cell.Text);
                continue;
            }

            (cell.First, cell.Last) = (first, last);
            for (var k = first; k <= last; k++)
            {
                taken[k] = true;
            }

            placed.Add(cell);
        }

        foreach (var cell in placed)
        {
            while (cell.First > 0 && cell.Last < bands.Count - 1 && !taken[cell.First - 1] && !taken[cell.Last + 1])
            {
                taken[--cell.First] = true;
                taken[++cell.Last] = true;
            }
        }

        row.Cells.Clear();
        row.Cells.AddRange(placed);
    }

    /// <summary>
    /// Whether a cell of row <paramref name="from"/> also covers row <paramref name="to"/>: its columns are empty
    /// there, and either both rows are header rows (自然人 over two header rows) or the cell is a row label and the
    /// row below has a label further right (（三）不予公开 beside its numbered sub-rows).
    /// </summary>
    private static bool Continues(List<Row> rows, int from, int to, Cell cell, int headerRows, int labelBands)
    {
        var below = rows[to];
        if (below.Cells.Any(c => c.First <= cell.Last && c.Last >= cell.First))
        {
            return false;
        }

        if (from < headerRows)
        {
            return to < headerRows;
        }

        return cell.Last < labelBands && below.Cells.Any(c => c.First > cell.Last && c.First < labelBands);
    }

    private static bool Overlaps(double left1, double right1, double left2, double right2) => left1 < right2 && left2 < right1;

    private sealed class Row(int page, double baseline, List<Cell> cells)
    {
        public int Page { get; } = page;

        public double Baseline { get; } = baseline;

        public List<Cell> Cells { get; } = cells;

        public string Signature => string.Join('\t', Cells.Select(c => c.Text.ToString()));
    }

    private sealed class Cell(PdfSegment segment, double baseline, double size)
    {
        public double Left { get; private set; } = segment.Left;

        public double Right { get; private set; } = segment.Right;

        public double Center => (Left + Right) / 2;

        public double Size { get; } = size;

        public double LastBaseline { get; private set; } = baseline;

        public StringBuilder Text { get; } = new(segment.Text);

        public bool IsNumber => segment.IsNumber && Text.Length == segment.Text.Length;

        public int First { get; set; }

        public int Last { get; set; }

        public void Append(PdfSegment more, double baseline)
        {
            // Wrapped CJK text joins without a space; wrapped Latin words keep one.
            if (Text.Length > 0 && char.IsAsciiLetterOrDigit(Text[^1]) && char.IsAsciiLetterOrDigit(more.Text[0]))
            {
                Text.Append(' ');
            }

            Text.Append(more.Text);
            Left = Math.Min(Left, more.Left);
            Right = Math.Max(Right, more.Right);
            LastBaseline = baseline;
        }
    }
}
