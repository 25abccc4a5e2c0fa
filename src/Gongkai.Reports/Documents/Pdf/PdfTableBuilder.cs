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

    /// <summary>
    /// The tables in a run of table lines. Rows whose figures stand in the columns of the rows above continue the
    /// table, on the next page too; rows whose figures stand elsewhere start another table (two tables that meet,
    /// as Word exports split 表三).
    /// </summary>
    public static List<(RawTable Table, int[] RowPages)?> Build(IReadOnlyList<PdfLine> lines)
    {
        var rows = ReadRows(lines);
        var parts = new List<List<Row>> { new() };
        var centers = new List<double>();
        foreach (var row in rows)
        {
            var values = row.Cells.Where(c => c.IsNumber).Select(c => c.Center).ToList();
            var known = values.Count(x => centers.Any(k => Math.Abs(k - x) <= 2));
            if (values.Count > 0 && centers.Count > 0 && known * 2 < values.Count)
            {
                // Header rows at the top of this row's page, below the last figures on another page, go with it.
                var part = parts[^1];
                var lastValues = part.FindLastIndex(r => r.Cells.Any(c => c.IsNumber));
                var headers = part.Skip(lastValues + 1).Where(r => r.Page == row.Page && r.Page != part[lastValues].Page).ToList();
                part.RemoveRange(part.Count - headers.Count, headers.Count);
                parts.Add(headers);
                centers.Clear();
            }

            parts[^1].Add(row);
            centers.AddRange(values);
        }

        return parts.Where(p => p.Count > 0).Select(Build).ToList();
    }

    private static (RawTable Table, int[] RowPages)? Build(List<Row> rows)
    {
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

        var firstValueRow = rows.FindIndex(r => r.Cells.Any(c => c.IsNumber));
        var headerRows = firstValueRow < 0 ? 0 : firstValueRow;

        // Header rows bottom-up: a merged header cell spans the columns of the header cells under it.
        bool[]? below = null;
        for (var r = headerRows - 1; r >= 0; r--)
        {
            below = Place(rows[r], bands, below);
        }

        foreach (var row in rows.Skip(headerRows))
        {
            Place(row, bands, null);
        }

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

        // Two cells of one row whose centres fall in one band are two columns (a group label beside its sub-row's label).
        foreach (var row in rows)
        {
            foreach (var group in row.Cells.GroupBy(c => Home(c, bands)).Where(g => g.Count() > 1).OrderByDescending(g => g.Key))
            {
                bands.RemoveAt(group.Key);
                bands.InsertRange(group.Key, group.OrderBy(c => c.Left).Select(c => (c.Left, c.Right)));
            }
        }

        return bands;
    }

    /// <summary>The band whose region (up to the midpoints between bands) holds the cell's centre.</summary>
    private static int Home(Cell cell, List<(double Left, double Right)> bands)
    {
        var k = 0;
        while (k < bands.Count - 1 && cell.Center > (bands[k].Right + bands[k + 1].Left) / 2)
        {
            k++;
        }

        return k;
    }

    /// <summary>
    /// Gives each cell of a row its first and last band; a cell with free bands on both sides grows over them evenly
    /// (a merged cell's text is centred). In a header row with a header row under it, a cell grows only over bands
    /// the row under it fills (<paramref name="below"/>): the columns of its sub-headers. Returns the bands taken.
    /// </summary>
    private static bool[] Place(Row row, List<(double Left, double Right)> bands, bool[]? below)
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
        var homes = new HashSet<int>();
        foreach (var cell in row.Cells)
        {
            var home = Home(cell, bands);
            if (!homes.Add(home))
            {
                // Two pieces of text in one column of one row: one cell.
                placed[^1].Text.Append(' ').Append(cell.Text);
                continue;
            }

            (cell.First, cell.Last) = (home, home);
            placed.Add(cell);
        }

        // A cell whose text runs into the neighbouring columns covers them, unless they are another cell's own column.
        foreach (var cell in placed)
        {
            var inset = cell.Size * 0.25;
            while (cell.First > 0 && !homes.Contains(cell.First - 1) && !taken[cell.First - 1] && cell.Left + inset < bounds[cell.First])
            {
                cell.First--;
            }

            while (cell.Last < bands.Count - 1 && !homes.Contains(cell.Last + 1) && !taken[cell.Last + 1] && cell.Right - inset > bounds[cell.Last + 1])
            {
                cell.Last++;
            }

            for (var k = cell.First; k <= cell.Last; k++)
            {
                taken[k] = true;
            }
        }

        bool Free(int k) => !taken[k] && (below is null || below[k]);
        foreach (var cell in placed)
        {
            while (cell.First > 0 && cell.Last < bands.Count - 1 && Free(cell.First - 1) && Free(cell.Last + 1))
            {
                taken[--cell.First] = true;
                taken[++cell.Last] = true;
            }
        }

        row.Cells.Clear();
        row.Cells.AddRange(placed);
        return taken;
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

        return cell.Last < labelBands && below.Cells.Any(c => c.First > cell.Last && c.First < labelBands && IsNumbered(c.Text));
    }

    /// <summary>A numbered sub-row's label: <c>1.属于国家秘密</c>, <c>2、重复申请</c>.</summary>
    private static bool IsNumbered(StringBuilder text) =>
        text.Length > 1 && (char.IsAsciiDigit(text[0]) || text[0] is >= '０' and <= '９') && text[1] is '.' or '．' or '、' or ')' or '）' or >= '0' and <= '9';

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
