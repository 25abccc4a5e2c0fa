using System.Text.Json.Serialization;

namespace Gongkai.Functions.Hosting;

/// <summary>The handler's answer to a non-HTTP invocation, in the casing the host reads.</summary>
public sealed class InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public IDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Lines the host writes to its own invocation log (and so to Application Insights).</summary>
    [JsonPropertyName("Logs")]
    public IReadOnlyList<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}
