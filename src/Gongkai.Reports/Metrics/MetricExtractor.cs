using Gongkai.Reports.Checks;
using Gongkai.Reports.Metrics;
using Gongkai.Reports.Metrics.Sentences;
using Gongkai.Reports.Metrics.Tables;

namespace Gongkai.Reports;

/// <summary>
/// The figures side of the parser: reads every canonical figure from a <see cref="ReportDocument"/>'s tables and
/// sentences with its provenance, recovers damaged figures the tables' own arithmetic determines, derives the
/// totals stated only through their parts, runs the consistency checks and tells the format.
/// </summary>
public static class MetricExtractor
{
    public static MetricExtraction Extract(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var figures = new FigureSet();
        var tables = new TableReadContext(document, figures);
        TableScanner.Scan(tables);

        var sentences = new SentenceReader(document, figures);
        sentences.Read();

        FigureRecovery.Recover(figures);
        DerivedFigures.Add(figures, tables.FoundTable3);
        FigureChecks.CheckTables(figures);

        var format = FormatDetector.Detect(document, tables);
        if (format == ReportFormats.Pre2019 || !tables.FoundTable3)
        {
            FigureChecks.CheckNarrative(figures, sentences.Percentages);
        }

        if (FormatDetector.NeedsTables(format))
        {
            ReportMissingTables(figures, tables);
        }

        return new MetricExtraction(figures.Metrics, figures.Problems, format);
    }

    private static void ReportMissingTables(FigureSet figures, TableReadContext tables)
    {
        var missing = new List<string>(3);
        if (!tables.FoundTable2)
        {
            missing.Add("表二（主动公开政府信息情况）");
        }

        if (!tables.FoundTable3)
        {
            missing.Add("表三（收到和处理政府信息公开申请情况）");
        }

        if (!tables.FoundTable4)
        {
            missing.Add("表四（政府信息公开行政复议、行政诉讼情况）");
        }

        foreach (var table in missing)
        {
            figures.Problem(
                ProblemCodes.TablesMissing,
                $"The report's format has {table}, but the document does not contain it (a copy that lost its tables?): its figures are missing, not zero.");
        }
    }
}
