using System.Globalization;
using Gongkai.Reports;
using Microsoft.AspNetCore.Http;
using static Gongkai.Functions.Api.ApiProblem;

namespace Gongkai.Functions.Api;

/// <summary>Parses and checks query and route values; every failure names the parameter.</summary>
public static class QueryParameters
{
    public const int MaxTop = 1000;

    /// <summary>A query parameter's value; repeated values joined with commas, as minimal APIs bind a string.</summary>
    public static string? Query(HttpRequest request, string name) => request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Rejects parameters the route does not know (a typo would otherwise silently widen the query).</summary>
    public static void RejectUnknown(HttpRequest request, params string[] known)
    {
        foreach (var name in request.Query.Keys)
        {
            // "code" carries the function key in Azure; the host checks it before the request gets here.
            if (name != "code" && !known.Contains(name, StringComparer.Ordinal))
            {
                throw new BadParameterException(name, $"Unknown parameter '{name}'. This route accepts: {string.Join(", ", known)}.");
            }
        }
    }

    public static int Top(string? value, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top is < 1 or > MaxTop)
        {
            throw new BadParameterException("top", $"top must be a whole number from 1 to {MaxTop}; got '{value}'.");
        }
        return top;
    }

    public static int? Year(string? value, string name = "year")
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length != 4 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2100)
        {
            throw new BadParameterException(name, $"{name} must be a four-digit year from 1990 to 2100; got '{value}'.");
        }
        return year;
    }

    public static bool? Boolean(string? value, string name) => value switch
    {
        null => null,
        "true" or "True" or "1" => true,
        "false" or "False" or "0" => false,
        _ => throw new BadParameterException(name, $"{name} must be true or false; got '{value}'."),
    };

    /// <summary>An agency or region name: trimmed, Traditional script folded to Simplified so it matches the records.</summary>
    public static string? Name(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > 200 || trimmed.Any(char.IsControl))
        {
            throw new BadParameterException(name, $"{name} must be 1 to 200 characters without control characters.");
        }
        return ChineseScript.ToSimplified(trimmed);
    }

    public static string? ReportFormat(string? value)
    {
        if (value is null)
        {
            return null;
        }
        string[] formats = [ReportFormats.Format2021, ReportFormats.Format2019, ReportFormats.Pre2019, ReportFormats.Unknown];
        return formats.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new BadParameterException("format", $"format must be one of {string.Join(", ", formats)} (a report format), or csv or json (the response format); got '{value}'.");
    }

    public static bool Descending(string? value) => value switch
    {
        null or "desc" => true,
        "asc" => false,
        _ => throw new BadParameterException("order", $"order must be desc or asc; got '{value}'."),
    };

    public static MetricDefinition MetricKey(string key) =>
        MetricCatalog.Find(key) ?? throw new UnknownMetricException(key);

    public sealed class UnknownMetricException(string key) : Exception($"There is no metric '{key}'. GET /api/metrics lists them.")
    {
        public string Key { get; } = key;
    }
}
