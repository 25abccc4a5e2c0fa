using System.Text.Json;

namespace Gongkai.Functions.Hosting.Triggers;

/// <summary>A timer trigger's binding data: <c>{ "Schedule", "ScheduleStatus": { "Last", "Next", "LastUpdated" }, "IsPastDue" }</c>.</summary>
public sealed record TimerTriggerInput(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    public static TimerTriggerInput FromInvocation(InvocationRequest request, string binding)
    {
        var value = request.Data(binding) ?? throw new InvalidInvocationException($"The timer binding '{binding}' is missing from Data.");
        // Some host versions send the timer info as a JSON string rather than an object.
        using var parsed = value.ValueKind == JsonValueKind.String ? ParseString(value.GetString()!, binding) : null;
        var timer = parsed?.RootElement ?? value;
        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException($"The timer binding '{binding}' must be an object with IsPastDue and ScheduleStatus.");
        }
        var isPastDue = InvocationRequest.Property(timer, "IsPastDue") is { ValueKind: JsonValueKind.True };
        var status = InvocationRequest.Property(timer, "ScheduleStatus");
        DateTimeOffset? Read(string name) =>
            status is { ValueKind: JsonValueKind.Object } s && InvocationRequest.Property(s, name) is { } v ? InvocationRequest.AsDate(v) : null;
        return new TimerTriggerInput(isPastDue, Read("Last"), Read("Next"));
    }

    private static JsonDocument ParseString(string text, string binding)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException($"The timer binding '{binding}' is not JSON: {e.Message}");
        }
    }
}
