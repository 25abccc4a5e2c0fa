using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Functions.Api;

/// <summary>CSV responses: UTF-8 with a byte-order mark so spreadsheet tools open Chinese correctly; RFC 4180 quoting.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// The response format: <c>format=csv</c> or <c>format=json</c> (any case) decides; any other <c>format</c> value
    /// (a report-format filter on /reports) leaves it to the Accept header, where text/csv wins when it has the highest
    /// quality (the first listed among equals). JSON otherwise.
    /// </summary>
    public static bool Requested(HttpRequest request)
    {
        foreach (var format in request.Query["format"])
        {
            if (IsFormat(format, "csv"))
            {
                return true;
            }
            if (IsFormat(format, "json"))
            {
                return false;
            }
        }
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return false;
        }
        var best = accept.OrderByDescending(a => a.Quality ?? 1).First();
        return best.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a <c>format</c> value names a response format (csv or json, any case) rather than a report format.</summary>
    public static bool IsResponseFormat(string? format) => IsFormat(format, "csv") || IsFormat(format, "json");

    private static bool IsFormat(string? value, string format) => string.Equals(value, format, StringComparison.OrdinalIgnoreCase);

    public static IResult Result(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows, string fileName)
    {
        var builder = new StringBuilder();
        builder.Append('\uFEFF');
        AppendRow(builder, header);
        foreach (var row in rows)
        {
            AppendRow(builder, row);
        }
        return new CsvResult(Encoding.UTF8.GetBytes(builder.ToString()), fileName);
    }

    private static void AppendRow(StringBuilder builder, IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(',');
            }
            first = false;
            var text = cell switch
            {
                null => "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => cell.ToString() ?? "",
            };
            // Quote anything that could split a cell, and neutralise spreadsheet formula prefixes from page text.
            if (text.Length > 0 && text[0] is '=' or '+' or '@' && cell is string)
            {
                text = "'" + text;
            }
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                builder.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(text);
            }
        }
        builder.Append("\r\n");
    }

    private sealed class CsvResult(byte[] body, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.Headers[HeaderNames.ContentDisposition] = $"inline; filename=\"{fileName}.csv\"";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
