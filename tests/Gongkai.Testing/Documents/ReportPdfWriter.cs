using Gongkai.Reports;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Gongkai.Testing.Documents;

/// <summary>
/// Prints a <see cref="ReportLayout"/> to PDF the way Word or a browser does: A4, wrapped paragraphs with a first-line
/// indent, bordered tables with merged cells (text centred, top-aligned), a table that does not fit continuing on
/// the next page under its repeated header, and a running header and footer (<c>第 N 页 共 M 页</c>) on every page.
/// CJK text needs a TrueType CJK font: Debian's <c>fonts-hanazono</c> (花園明朝 A: every CJK Unified Ideograph and the radicals, TrueType outlines that PdfPig can subset) (<see cref="CjkFontPath"/>), which the
/// repository's scripts install.
/// </summary>
public static class ReportPdfWriter
{
    public const string CjkFontPath = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf";

    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Margin = 64;
    private const double BodySize = 12;
    private const double TableSize = 9;
    private const double Padding = 5.4;

    /// <summary>The characters a browser's print often names by their radical (⾏ for 行), as DOMAIN.md measured.</summary>
    private static readonly Dictionary<char, char> Radicals = new()
    {
        ['行'] = '\u2F8F', ['自'] = '\u2F83', ['人'] = '\u2F08', ['工'] = '\u2F2F', ['文'] = '\u2F42', ['民'] = '\u2EA0', ['长'] = '\u2ED3',
    };

    /// <param name="radicals">Write 行, 自, 人, 工, 文, 民, 长 as the radicals a browser's PDF names them by.</param>
    public static byte[] Write(ReportLayout layout, string runningTitle, bool radicals = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var font = File.Exists(CjkFontPath)
            ? File.ReadAllBytes(CjkFontPath)
            : throw new FileNotFoundException($"The CJK TrueType font {CjkFontPath} is missing: install Debian's fonts-hanazono (eng/fonts.sh).", CjkFontPath);
        using var builder = new PdfDocumentBuilder();
        var printer = new Printer(builder, font, radicals);
        foreach (var block in layout.Blocks)
        {
            if (block.Table is { } table)
            {
                printer.Table(table);
            }
            else
            {
                printer.Paragraph(block.Text);
            }
        }

        printer.RunningLines(runningTitle);
        return builder.Build();
    }

    /// <summary>A PDF of page images only, no text layer (a scan).</summary>
    public static byte[] WriteScan(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(PageWidth, PageHeight);
            for (var y = 100; y < 740; y += 14)
            {
                page.DrawRectangle(new PdfPoint(Margin, y), 300 + (y * 7 % 150), 8, 1, fill: true);
            }
        }

        return builder.Build();
    }

    /// <summary>A long PDF of plain Latin text (a standard font), for the bounds on pages read.</summary>
    public static byte[] WriteLong(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var i = 1; i <= pages; i++)
        {
            var page = builder.AddPage(PageWidth, PageHeight);
            for (var line = 0; line < 40; line++)
            {
                page.AddText($"Appendix line {line} of page {i}: budget item {i * 100 + line} amounts to {i * line} yuan.", 10, new PdfPoint(Margin, 760 - (line * 16)), font);
            }
        }

        return builder.Build();
    }

    private sealed class Printer(PdfDocumentBuilder builder, byte[] font, bool radicals)
    {
        /// <summary>PdfPig writes simple fonts of at most 255 characters: the font is added again for every 250 distinct ones.</summary>
        private const int CharactersPerFont = 250;

        private readonly Dictionary<char, PdfDocumentBuilder.AddedFont> fonts = [];
        private PdfDocumentBuilder.AddedFont? current;
        private int currentCount;
        private readonly List<PdfPageBuilder> pages = [];
        private PdfPageBuilder? page;
        private double y;

        private double Width => PageWidth - (2 * Margin);

        public void Paragraph(string text)
        {
            var size = BodySize;
            var indent = 2 * size;
            var lines = Wrap(text, size, Width, indent);
            for (var i = 0; i < lines.Count; i++)
            {
                Room(size * 1.6);
                y -= size * 1.6;
                Text(lines[i], size, Margin + (i == 0 ? indent : 0), y);
            }
        }

        public void Table(TableGrid table)
        {
            var widths = ColumnWidths(table);
            var cellLines = new Dictionary<TableCell, List<string>>();
            foreach (var cell in Origins(table))
            {
                var width = widths.Skip(cell.Column).Take(cell.ColSpan).Sum() - (2 * Padding);
                cellLines[cell] = Wrap(cell.Text, TableSize, width - 1, 0);
            }

            var lineHeight = TableSize * 1.3;
            var heights = new double[table.RowCount];
            foreach (var (cell, lines) in cellLines.Where(c => c.Key.RowSpan == 1))
            {
                heights[cell.Row] = Math.Max(heights[cell.Row], (Math.Max(1, lines.Count) * lineHeight) + (2 * Padding));
            }

            foreach (var (cell, lines) in cellLines.Where(c => c.Key.RowSpan > 1))
            {
                var need = (lines.Count * lineHeight) + (2 * Padding);
                var have = heights.Skip(cell.Row).Take(cell.RowSpan).Sum();
                heights[cell.Row + cell.RowSpan - 1] += Math.Max(0, need - have);
            }

            var headerRows = Enumerable.Range(0, table.RowCount).FirstOrDefault(r => table.Row(r).Any(c => IsNumber(c.Text)));
            Room(TableSize * 2);
            y -= TableSize;
            for (var r = 0; r < table.RowCount; r++)
            {
                if (y - heights[r] < Margin)
                {
                    NewPage();
                    for (var h = 0; h < headerRows && r > headerRows; h++)
                    {
                        Row(h, widths, heights, cellLines);
                    }
                }

                Row(r, widths, heights, cellLines);
            }

            y -= TableSize;
        }

        /// <summary>The running header (the report's title) and footer (page N of M) a browser or Word prints.</summary>
        public void RunningLines(string title)
        {
            for (var i = 0; i < pages.Count; i++)
            {
                Text(title, 8, Margin, PageHeight - 36, pages[i]);
                var footer = $"第 {i + 1} 页 共 {pages.Count} 页";
                Text(footer, 9, (PageWidth / 2) - 30, 36, pages[i]);
            }
        }

        private void Row(int r, double[] widths, double[] heights, Dictionary<TableCell, List<string>> cellLines)
        {
            var lineHeight = TableSize * 1.3;
            foreach (var (cell, lines) in cellLines.Where(c => c.Key.Row == r))
            {
                var left = Margin + widths.Take(cell.Column).Sum();
                var width = widths.Skip(cell.Column).Take(cell.ColSpan).Sum();
                var height = heights.Skip(r).Take(cell.RowSpan).Sum();
                page!.DrawRectangle(new PdfPoint(left, y - height), width, height, 0.5);
                var baseline = y - Padding - TableSize;
                foreach (var line in lines)
                {
                    Text(line, TableSize, left + ((width - Measure(line, TableSize)) / 2), baseline);
                    baseline -= lineHeight;
                }
            }

            y -= heights[r];
        }

        private static IEnumerable<TableCell> Origins(TableGrid table)
        {
            for (var r = 0; r < table.RowCount; r++)
            {
                foreach (var cell in table.Row(r).Where(c => c.IsOrigin))
                {
                    yield return cell;
                }
            }
        }

        /// <summary>Columns as wide as their widest one-column text (labels at most 130 pt), shrunk to fit the page.</summary>
        private double[] ColumnWidths(TableGrid table)
        {
            var widths = new double[table.ColumnCount];
            Array.Fill(widths, 34);
            foreach (var cell in Origins(table).Where(c => c.ColSpan == 1))
            {
                widths[cell.Column] = Math.Max(widths[cell.Column], Math.Min(130, Measure(cell.Text, TableSize) + (2 * Padding) + 2));
            }

            // Too wide for the page: the label columns give way, the figure columns keep their width.
            var fixedWidth = widths.Where(w => w <= 34).Sum();
            var flexible = widths.Sum() - fixedWidth;
            if (fixedWidth + flexible > Width && flexible > 0)
            {
                var factor = Math.Max(0.2, (Width - fixedWidth) / flexible);
                for (var c = 0; c < widths.Length; c++)
                {
                    widths[c] = widths[c] > 34 ? Math.Max(34, widths[c] * factor) : widths[c];
                }
            }

            return widths;
        }

        private List<string> Wrap(string text, double size, double width, double indent)
        {
            var lines = new List<string>();
            var start = 0;
            var used = indent;
            var widths = text.Select(c => Measure(c.ToString(), size)).ToArray();
            for (var i = 0; i < text.Length; i++)
            {
                // Lines break between CJK characters, never inside a number or a Latin word.
                var breakable = i > start && !(char.IsAsciiLetterOrDigit(text[i]) && char.IsAsciiLetterOrDigit(text[i - 1]));
                if (used + widths[i] > width && breakable)
                {
                    lines.Add(text[start..i]);
                    start = i;
                    used = 0;
                }

                used += widths[i];
            }

            if (start < text.Length)
            {
                lines.Add(text[start..]);
            }

            return lines;
        }

        private readonly Dictionary<char, double> advances = [];

        /// <summary>The printed width, from the font's own advances (measured once per character at 1 pt).</summary>
        private double Measure(string text, double size)
        {
            var width = 0.0;
            foreach (var c in text)
            {
                if (!advances.TryGetValue(c, out var advance))
                {
                    var written = radicals ? Radicals.GetValueOrDefault(c, c) : c;
                    var letters = Scratch.MeasureText(written.ToString(), 1, new PdfPoint(0, 0), FontFor(written));
                    advances[c] = advance = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
                }

                width += advance * size;
            }

            return width;
        }

        private PdfPageBuilder Scratch => page ?? pages.FirstOrDefault() ?? NewPageAndGet();

        private PdfPageBuilder NewPageAndGet()
        {
            NewPage();
            return page!;
        }

        private void Room(double height)
        {
            if (page is null || y - height < Margin)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            page = builder.AddPage(PageWidth, PageHeight);
            pages.Add(page);
            y = PageHeight - Margin;
        }

        private void Text(string text, double size, double x, double baseline, PdfPageBuilder? on = null)
        {
            if (text.Length == 0)
            {
                return;
            }

            var written = radicals ? new string(text.Select(c => Radicals.GetValueOrDefault(c, c)).ToArray()) : text;
            var start = 0;
            while (start < written.Length)
            {
                var added = FontFor(written[start]);
                var end = start + 1;
                while (end < written.Length && FontFor(written[end]).Equals(added))
                {
                    end++;
                }

                var letters = (on ?? page!).AddText(written[start..end], size, new PdfPoint(x, baseline), added);
                x = letters.Count > 0 ? letters[^1].EndBaseLine.X : x;
                start = end;
            }
        }

        private PdfDocumentBuilder.AddedFont FontFor(char c)
        {
            if (fonts.TryGetValue(c, out var added))
            {
                return added;
            }

            if (current is null || currentCount == CharactersPerFont)
            {
                current = builder.AddTrueTypeFont(font);
                currentCount = 0;
            }

            currentCount++;
            return fonts[c] = current;
        }

        private static bool IsNumber(string text) => text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ',' or '.');
    }
}
