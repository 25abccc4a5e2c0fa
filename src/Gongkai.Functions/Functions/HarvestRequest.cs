using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.Functions.Functions;

/// <summary>The harvest-requests message: one portal to crawl. Plain text holding just a portal id is accepted too.</summary>
public sealed record HarvestRequest(
    [property: JsonPropertyName("portalId")] string PortalId,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset? RequestedAt = null,
    [property: JsonPropertyName("scheduleRun")] string? ScheduleRun = null)
{
    public string ToMessage() => JsonSerializer.Serialize(this);

    /// <summary>Reads a message; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static HarvestRequest Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            HarvestRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<HarvestRequest>(trimmed);
            }
            catch (JsonException e)
            {
                throw new FormatException($"The harvest request is not valid JSON: {e.Message}");
            }
            return request is { PortalId.Length: > 0 } ? request : throw new FormatException("The harvest request has no portalId.");
        }
        return trimmed.Length is > 0 and <= 200 && !trimmed.Any(char.IsWhiteSpace)
            ? new HarvestRequest(trimmed)
            : throw new FormatException("The harvest request must be JSON {\"portalId\": …} or a bare portal id.");
    }
}
