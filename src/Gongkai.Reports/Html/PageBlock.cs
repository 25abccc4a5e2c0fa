namespace Gongkai.Reports.Html;

/// <summary>One line of a page as a reader sees it, or one data table, in document order.</summary>
internal sealed class PageBlock
{
    private PageBlock(string text, int chars, int linkChars, int headingLevel, RawTable? table)
    {
        Text = text;
        Chars = chars;
        LinkChars = linkChars;
        HeadingLevel = headingLevel;
        Table = table;
    }

    /// <summary>The line's text, whitespace normalised; empty for a table.</summary>
    public string Text { get; }

    /// <summary>Visible non-space characters (all cells for a table).</summary>
    public int Chars { get; }

    /// <summary>Of <see cref="Chars"/>, those inside links.</summary>
    public int LinkChars { get; }

    /// <summary>1–6 for a line from <c>h1</c>–<c>h6</c>, 0 otherwise.</summary>
    public int HeadingLevel { get; }

    public RawTable? Table { get; }

    public bool IsTable => Table is not null;

    public static PageBlock Line(string text, int chars, int linkChars, int headingLevel = 0) =>
        new(text, chars, linkChars, headingLevel, null);

    public static PageBlock ForTable(RawTable table) => new("", table.Chars, table.LinkChars, 0, table);

    public override string ToString() => IsTable ? $"[table {Table!.RowCount}x{Table.ColumnCount}]" : Text;
}
