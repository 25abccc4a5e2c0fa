using Gongkai.Reports;

namespace Gongkai.Testing.Documents;

/// <summary>A report read by the project's own parser, as the blocks a document writer lays out: lines and tables in order.</summary>
public sealed record ReportLayout(IReadOnlyList<ReportLayout.Block> Blocks)
{
    /// <summary>A line of text, or a table (<see cref="Table"/> set).</summary>
    public sealed record Block(string Text, TableGrid? Table);

    /// <summary>Reads a page (HTML or text) with <see cref="ReportParser"/> and keeps its body's lines and tables.</summary>
    public static ReportLayout FromPage(byte[] page, string fileName)
    {
        var document = new ReportParser().ReadDocument(new ReportSource(page) { FileName = fileName });
        var blocks = new List<Block>();
        if (document.Title is { } title && !document.Text.StartsWith(title, StringComparison.Ordinal))
        {
            blocks.Add(new Block(title, null));
        }

        var offset = 0;
        foreach (var table in document.Tables)
        {
            AddLines(document.Text[offset..table.Start], blocks);
            blocks.Add(new Block("", table));
            offset = table.End;
        }

        AddLines(document.Text[offset..], blocks);
        return new ReportLayout(blocks);
    }

    private static void AddLines(string text, List<Block> blocks)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                blocks.Add(new Block(line.Trim(), null));
            }
        }
    }
}
