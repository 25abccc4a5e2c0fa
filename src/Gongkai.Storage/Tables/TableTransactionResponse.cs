using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.Storage;

/// <summary>
/// Reads the multipart response of an entity-group transaction. The service answers 202 for the batch as a whole
/// and puts the failing operation's status in the changeset; its index is the <c>N:</c> prefix of the error message
/// (Azure) or the part's Content-ID.
/// </summary>
internal static partial class TableTransactionResponse
{
    public static TableTransactionFailedException? FindFailure(string body, string? contentType, string? requestId, int actionCount)
    {
        foreach (var part in Parts(body, contentType))
        {
            var status = StatusLine().Match(part);
            if (!status.Success)
            {
                continue;
            }

            var code = int.Parse(status.Groups["status"].Value, CultureInfo.InvariantCulture);
            if (code < 400)
            {
                continue;
            }

            var separator = part.IndexOf("\r\n\r\n", status.Index, StringComparison.Ordinal);
            var headers = separator < 0 ? part[status.Index..] : part[status.Index..separator];
            var content = separator < 0 ? string.Empty : part[(separator + 4)..];
            var (errorCode, message) = StorageMessage.ParseErrorBody(content);
            var index = -1;
            var prefix = message is null ? Match.Empty : IndexPrefix().Match(message);
            if (prefix.Success)
            {
                index = int.Parse(prefix.Groups["index"].Value, CultureInfo.InvariantCulture);
            }
            else if (ContentId().Match(headers) is { Success: true } contentId)
            {
                index = int.Parse(contentId.Groups["id"].Value, CultureInfo.InvariantCulture);
            }

            if (index >= actionCount)
            {
                index = -1;
            }

            var text = $"POST $batch: operation {(index >= 0 ? index.ToString(CultureInfo.InvariantCulture) : "?")} failed with {code}" +
                       (errorCode is null ? string.Empty : $" ({errorCode})") +
                       (string.IsNullOrWhiteSpace(message) ? string.Empty : ": " + message.Split('\n')[0].Trim());
            return new TableTransactionFailedException(index, new StorageRequestFailedException(code, errorCode, requestId, text));
        }

        return null;
    }

    // Splits on the boundaries of the response's multipart type and of any nested changeset.
    private static IEnumerable<string> Parts(string body, string? contentType)
    {
        var boundaries = new List<string>();
        if (contentType is not null && Boundary().Match(contentType) is { Success: true } outer)
        {
            boundaries.Add(outer.Groups["boundary"].Value.Trim('"'));
        }

        foreach (Match nested in Boundary().Matches(body))
        {
            boundaries.Add(nested.Groups["boundary"].Value.Trim('"'));
        }

        if (boundaries.Count == 0)
        {
            return [body];
        }

        var parts = new List<string> { body };
        foreach (var boundary in boundaries.Distinct())
        {
            parts = parts.SelectMany(p => p.Split("--" + boundary, StringSplitOptions.None)).ToList();
        }

        return parts;
    }

    [GeneratedRegex(@"HTTP/1\.[01] (?<status>\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s*(?<index>\d+):")]
    private static partial Regex IndexPrefix();

    [GeneratedRegex(@"(?im)^Content-ID:\s*(?<id>\d+)\s*$")]
    private static partial Regex ContentId();

    [GeneratedRegex(@"boundary=(?<boundary>""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();
}
