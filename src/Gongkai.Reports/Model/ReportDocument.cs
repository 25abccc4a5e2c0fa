namespace Gongkai.Reports;

/// <summary>
/// The text side's reading of one report, handed to the figures side: the cleaned body text, a same-length
/// matching copy, the tables as grids placed in that text, the sections and the year.
/// </summary>
public sealed class ReportDocument
{
    /// <summary>
    /// The cleaned body text in its original script, after pinyin-artifact repair. Tables appear in it at their
    /// place as lines: cells joined by <c>'\t'</c>, rows by <c>'\n'</c>.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>
    /// <see cref="Text"/> converted character for character (same length, shared offsets) to Simplified script,
    /// with full-width digits, letters and punctuation folded to ASCII where the mapping is one to one.
    /// Match against this; report offsets and quote text from <see cref="Text"/>.
    /// </summary>
    public required string MatchText { get; init; }

    /// <summary>The tables in document order.</summary>
    public IReadOnlyList<TableGrid> Tables { get; init; } = [];

    /// <summary>The sections in document order, with offsets into <see cref="Text"/>.</summary>
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];

    /// <summary>The year reported on, when the text side could read it.</summary>
    public int? ReportYear { get; init; }

    public string? Title { get; init; }

    /// <summary><c>simplified</c>, <c>traditional</c> or <c>mixed</c> (see <see cref="ReportScripts"/>).</summary>
    public string Script { get; init; } = ReportScripts.Simplified;

    public DecodingInfo Decoding { get; init; } = DecodingInfo.None;

    /// <summary>What the report was read from (see <see cref="SourceTypes"/>).</summary>
    public string SourceType { get; init; } = SourceTypes.Html;

    /// <summary>For an attachment, where each line and table came from (pages, sheet cells).</summary>
    internal Documents.DocumentMap? Map { get; init; }

    /// <summary>Problems the text side found so far (decoding, metadata, structure).</summary>
    public List<ReportProblem> Problems { get; init; } = [];

    /// <summary>The section whose span holds <paramref name="offset"/>, when there is one.</summary>
    public ReportSection? SectionAt(int offset)
    {
        ReportSection? found = null;
        foreach (var section in Sections)
        {
            if (section.Start > offset)
            {
                break;
            }

            if (offset < section.End)
            {
                found = section;
            }
        }

        return found;
    }
}

/// <summary>
/// A table read from markup as a full grid: every slot is filled, a merged cell appearing in every slot it
/// covers (with <see cref="TableCell.IsOrigin"/> false outside its top-left slot).
/// </summary>
public sealed class TableGrid
{
    private readonly TableCell[,] cells;

    public TableGrid(int index, TableCell[,] cells, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Index = index;
        this.cells = cells;
        Start = start;
        End = end;
    }

    /// <summary>The table's position among the document's tables, from 0.</summary>
    public int Index { get; }

    public int RowCount => cells.GetLength(0);

    public int ColumnCount => cells.GetLength(1);

    public TableCell this[int row, int column] => cells[row, column];

    /// <summary>Offset of the table's first line in <see cref="ReportDocument.Text"/>.</summary>
    public int Start { get; }

    /// <summary>Offset just past the table's last line in <see cref="ReportDocument.Text"/>.</summary>
    public int End { get; }

    public IEnumerable<TableCell> Row(int row)
    {
        for (var column = 0; column < ColumnCount; column++)
        {
            yield return cells[row, column];
        }
    }

    public IEnumerable<TableCell> Column(int column)
    {
        for (var row = 0; row < RowCount; row++)
        {
            yield return cells[row, column];
        }
    }
}

/// <param name="Row">The slot's row (for a merged cell seen through several slots, the slot asked for).</param>
/// <param name="Column">The slot's column.</param>
/// <param name="Text">The cell's text as written, whitespace normalised; empty for a blank cell (<c>&amp;nbsp;</c>).</param>
/// <param name="MatchText">The same text in Simplified script with ASCII digits and punctuation, same length.</param>
/// <param name="RowSpan">Rows the cell covers (after clamping to the table).</param>
/// <param name="ColSpan">Columns the cell covers (after clamping to the table).</param>
/// <param name="IsOrigin">True in the cell's top-left slot, false in the other slots a merged cell covers.</param>
/// <param name="TextStart">Offset of the cell's text in <see cref="ReportDocument.Text"/>, -1 when not placed.</param>
public sealed record TableCell(
    int Row,
    int Column,
    string Text,
    string MatchText,
    int RowSpan,
    int ColSpan,
    bool IsOrigin,
    int TextStart)
{
    public bool IsBlank => Text.Length == 0;
}
