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
                if (InOwnMoneyUnit(key, number) is { } amount)
                {
                    // 160.5964万元 in a 万元 column: the cell's own unit decides the scale, and the decimals are kept.
                    Figures.Add(key, amount.Value, Provenance(grid, row, column, rowLabel, columnLabel, number.Unit, amount.Multiplier));
                    break;
                }

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

    /// <summary>
    /// A money figure whose cell writes its own unit (元, 万元), in the key's unit: the value read (万元 already × 10,000)
    /// converted to 元 or 万元, with the multiplier from what was written to the key's unit.
    /// </summary>
    private static (decimal Value, decimal? Multiplier)? InOwnMoneyUnit(string key, WrittenNumber number)
    {
        var keyUnit = MetricCatalog.Find(key)?.Unit;
        if (number.Unit is not { } unit || !unit.Contains('元') || keyUnit is not (MetricUnits.WanYuan or MetricUnits.Yuan))
        {
            return null;
        }

        var toKey = keyUnit == MetricUnits.WanYuan ? 0.0001m : 1m;
        var multiplier = number.Multiplier * toKey;
        return (number.Value * toKey, multiplier == 1m ? null : multiplier);
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
