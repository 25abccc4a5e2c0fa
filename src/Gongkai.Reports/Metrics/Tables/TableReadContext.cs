using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Tables;

/// <summary>What the table readers share: the document, the figures, and which tables were found.</summary>
internal sealed class TableReadContext(ReportDocument document, FigureSet figures)
{
    public ReportDocument Document { get; } = document;

    public FigureSet Figures { get; } = figures;

    public bool FoundTable2 { get; set; }

    public bool FoundTable3 { get; set; }

    public bool FoundTable4 { get; set; }

    public bool FoundStatistics { get; set; }

    /// <summary>Which 表二 vocabulary was seen: 2021 (本年制发件数 …) or 2019 (本年新制作数量 …), when known.</summary>
    public string? Table2Layout { get; set; }

    /// <summary>True when 表三's （六）其他处理 had the 2021 numbered sub-rows.</summary>
    public bool Table3HasOtherSubRows { get; set; }

    /// <summary>Reads the cell at (row, column) as the figure for <paramref name="key"/>.</summary>
    public void AddCell(string key, TableGrid grid, int row, int column, string? rowLabel, string? columnLabel, decimal scale = 1m, string? unitOverride = null)
    {
        var cell = grid[row, column];
        var number = NumberReader.ReadCell(cell.MatchText);
        switch (number.Kind)
        {
            case WrittenNumberKind.Number:
                var multiplier = number.Multiplier * scale;
                Figures.Add(key, number.Value * scale, Provenance(grid, row, column, rowLabel, columnLabel, unitOverride ?? number.Unit, multiplier == 1m ? null : multiplier));
                break;
            case WrittenNumberKind.Damaged:
            case WrittenNumberKind.Text:
                Figures.AddDamaged(key, Provenance(grid, row, column, rowLabel, columnLabel, null, null));
                break;
            default:
                break;
        }
    }

    public MetricProvenance Provenance(TableGrid grid, int row, int column, string? rowLabel, string? columnLabel, string? unit, decimal? multiplier)
    {
        var cell = grid[row, column];
        var start = cell.TextStart >= 0 ? cell.TextStart : grid.Start;
        return new MetricProvenance
        {
            Kind = ProvenanceKinds.Table,
            Section = Document.SectionAt(start)?.Kind,
            Table = grid.Index,
            Row = row,
            Column = column,
            RowLabel = rowLabel,
            ColumnLabel = columnLabel,
            Text = cell.Text,
            Start = cell.TextStart >= 0 ? cell.TextStart : null,
            End = cell.TextStart >= 0 ? cell.TextStart + cell.Text.Length : null,
            Unit = unit,
            Multiplier = multiplier,
        };
    }
}
