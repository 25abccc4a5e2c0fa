namespace Gongkai.Reports.Metrics.Tables;

/// <summary>
/// Walks every row of every table in document order and hands each to the reader of the table it belongs to.
/// A row's own words can switch the kind (表二, 表三, 表四, 统计表); rows without such words continue the kind of
/// the rows before them, also across a &lt;table&gt; boundary when little text separates the two tables — which is
/// how a table split over several &lt;table&gt; elements is read as one.
/// </summary>
internal static class TableScanner
{
    private enum Kind
    {
        None,
        Table2,
        Table3,
        Table4,
        Statistics,
    }

    /// <summary>Characters of ordinary text between two tables beyond which the second starts afresh.</summary>
    private const int ContinuationGap = 80;

    public static void Scan(TableReadContext context)
    {
        var table2 = new Table2Reader(context);
        var table3 = new Table3Reader(context);
        var table4 = new Table4Reader(context);
        var statistics = new StatisticsTableReader(context);
        var kind = Kind.None;
        TableGrid? previous = null;
        var text = context.Document.MatchText;
        var grids = context.Document.Tables;
        var fromText = TextTables.Find(context.Document, grids.Count);
        fromText.AddRange(RunTogetherTables.Find(context.Document, context.Figures, grids.Count + fromText.Count));
        if (fromText.Count > 0)
        {
            grids = [.. grids.Concat(fromText).OrderBy(g => g.Start)];
        }

        foreach (var grid in grids)
        {
            if (previous is not null && (Gap(text, previous.End, grid.Start) > ContinuationGap || NewSection(context.Document, previous, grid)))
            {
                kind = Kind.None;
            }

            previous = grid;
            for (var r = 0; r < grid.RowCount; r++)
            {
                var row = new TableRow(grid, r);
                if (row.Cells.Count == 0)
                {
                    continue;
                }

                kind = KindOf(row, kind);
                switch (kind)
                {
                    case Kind.Table2:
                        table2.Read(row);
                        break;
                    case Kind.Table3:
                        table3.Read(row);
                        break;
                    case Kind.Table4:
                        table4.Read(row);
                        break;
                    case Kind.Statistics:
                        statistics.Read(row);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static Kind KindOf(TableRow row, Kind current)
    {
        var text = row.Normalized;
        if (text.Length == 0)
        {
            return current;
        }

        // 表四's single row of fifteen figures, when its header rows were lost.
        if (current != Kind.Statistics && row.Cells.Count == 15 && row.ValueLikeCount() == 15)
        {
            return Kind.Table4;
        }

        if (StatisticsTableReader.IsHeaderRow(row))
        {
            return Kind.Statistics;
        }

        if (current == Kind.Statistics)
        {
            // The 统计表 mentions 行政复议, 主动公开 … in its own rows; only another table's header leaves it.
            return Table3Reader.IsHeaderRow(row) ? Kind.Table3 : current;
        }

        if (Has(text, "第二十条") || Has(text, "信息内容") || (current != Kind.Table3 && Table2Reader.IsHeaderRow(row) && !Has(text, "行政复议")))
        {
            return Kind.Table2;
        }

        if (Table3Reader.IsHeaderRow(row) || Has(text, "本年新收") || Has(text, "上年结转") || Has(text, "本年度办理结果") || Has(text, "勾稽关系"))
        {
            return Kind.Table3;
        }

        if (Has(text, "行政复议") && (Has(text, "行政诉讼") || Has(text, "维持") || Has(text, "审结")) || Has(text, "结果维持") || Has(text, "复议后起诉"))
        {
            return Kind.Table4;
        }

        if (current == Kind.None)
        {
            // A table whose header was lost: its first figures row decides.
            if (Has(text, "予以公开") || Has(text, "不予公开") || Has(text, "无法提供") || Has(text, "不予处理"))
            {
                return Kind.Table3;
            }

            if (Has(text, "规章") || Has(text, "规范性文件") || Has(text, "行政许可"))
            {
                return Kind.Table2;
            }

            if (Has(text, "主动公开政府信息数") || Has(text, "主动公开信息数") || Has(text, "收到申请数") || Has(text, "申请答复数"))
            {
                return Kind.Statistics;
            }
        }

        return current;
    }

    // A table under another section heading than the one before it starts afresh (表三 under 三、, 表四 under 四、).
    private static bool NewSection(ReportDocument document, TableGrid previous, TableGrid grid)
    {
        var before = document.SectionAt(previous.Start);
        var now = document.SectionAt(grid.Start);
        return before is not null && now is not null && before.Start != now.Start;
    }

    private static bool Has(string text, string cue) => text.Contains(cue, StringComparison.Ordinal);

    private static int Gap(string text, int from, int to)
    {
        var count = 0;
        for (var i = Math.Max(0, from); i < to && i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                count++;
            }
        }

        return count;
    }
}
