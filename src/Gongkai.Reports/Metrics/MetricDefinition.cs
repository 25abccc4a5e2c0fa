namespace Gongkai.Reports;

/// <summary>One canonical figure a report can state.</summary>
/// <param name="Key">The canonical key, e.g. <c>requests.granted</c> or <c>requests.granted:natural_person</c>.</param>
/// <param name="LabelZh">The label the reports use for it (Simplified Chinese).</param>
/// <param name="LabelEn">An English label.</param>
/// <param name="Unit"><c>items</c>, <c>requests</c>, <c>cases</c>, <c>person_times</c>, <c>yuan</c> or <c>wan_yuan</c>.</param>
public sealed record MetricDefinition(string Key, string LabelZh, string LabelEn, string Unit);

public static class MetricUnits
{
    public const string Items = "items";
    public const string Requests = "requests";
    public const string Cases = "cases";
    public const string PersonTimes = "person_times";
    public const string Yuan = "yuan";
    public const string WanYuan = "wan_yuan";
}
