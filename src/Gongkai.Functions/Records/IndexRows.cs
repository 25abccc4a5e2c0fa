using System.Globalization;
using Gongkai.Reports;
using Gongkai.Storage;

namespace Gongkai.Functions.Records;

/// <summary>The index rows a report's current version produces. A pure function of the record, so rewriting is idempotent.</summary>
public static class IndexRows
{
    /// <summary>Rows of the ReportIndex table: the report under its agency and under its year.</summary>
    public static IEnumerable<TableEntity> ReportIndex(ReportRecord record)
    {
        var summary = record.Summary;
        if (summary.Agency is { Length: > 0 } agency)
        {
            var row = new TableEntity(IndexKeys.AgencyPartition(agency), IndexKeys.AgencyReportRow(summary.Year, record.Id));
            summary.WriteTo(row);
            yield return row;
        }
        if (summary.Year is int year)
        {
            var row = new TableEntity(IndexKeys.YearPartition(year), record.Id);
            summary.WriteTo(row);
            yield return row;
        }
    }

    /// <summary>Rows of the MetricIndex table: each figure ranked within its year, and under its agency by year.</summary>
    public static IEnumerable<TableEntity> MetricIndex(ReportRecord record)
    {
        var summary = record.Summary;
        if (summary.Year is not int year)
        {
            return [];
        }
        var rows = new List<TableEntity>(record.Metrics.Count * 2);
        foreach (var (key, value) in record.Metrics)
        {
            var ranking = new TableEntity(IndexKeys.YearPartition(year), IndexKeys.RankingRow(key, value, record.Id));
            WriteMetric(ranking, record, key, value);
            rows.Add(ranking);
            if (summary.Agency is { Length: > 0 } agency)
            {
                var overYears = new TableEntity(IndexKeys.AgencyPartition(agency), IndexKeys.AgencyMetricRow(key, year));
                WriteMetric(overYears, record, key, value);
                rows.Add(overYears);
            }
        }
        return rows;
    }

    /// <summary>The agency's row in the agency list; merged, so each report adds its year as a <c>Y{year}</c> column.</summary>
    public static TableEntity? AgencyListRow(ReportRecord record)
    {
        if (record.Summary.Agency is not { Length: > 0 } agency)
        {
            return null;
        }
        var row = new TableEntity(IndexKeys.AgenciesPartition, IndexKeys.AgencyRow(agency))
        {
            ["Agency"] = agency,
            ["Province"] = record.Summary.Province,
            ["City"] = record.Summary.City,
            ["County"] = record.Summary.County,
        };
        if (record.Summary.Year is int year)
        {
            row["Y" + IndexKeys.Year(year)] = record.Id;
        }
        return row;
    }

    /// <summary>The agency-list column the record fills (<c>Y{year}</c>), when it has an agency and a year.</summary>
    public static string? AgencyListYear(ReportRecord record) =>
        record.Summary is { Agency.Length: > 0, Year: int year } ? "Y" + IndexKeys.Year(year) : null;

    /// <summary>True for an agency-list column naming a year (<c>Y2023</c>).</summary>
    public static bool IsYearColumn(string name) => name.Length == 5 && name[0] == 'Y' && !name.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    public static IReadOnlyList<string> MetricColumns { get; } =
        ["ReportId", "Agency", "Province", "City", "County", "Year", "Key", "Value", "ValueText", "Unit"];

    private static void WriteMetric(TableEntity row, ReportRecord record, string key, decimal value)
    {
        row["ReportId"] = record.Id;
        row["Agency"] = record.Summary.Agency;
        row["Province"] = record.Summary.Province;
        row["City"] = record.Summary.City;
        row["County"] = record.Summary.County;
        row["Year"] = record.Summary.Year;
        row["Key"] = key;
        row["Value"] = (double)value;
        row["ValueText"] = value.ToString("0.############", CultureInfo.InvariantCulture);
        row["Unit"] = MetricCatalog.Find(key)?.Unit;
    }
}
