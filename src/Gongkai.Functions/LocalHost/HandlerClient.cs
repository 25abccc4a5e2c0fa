using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Delivers invocations to the handler the way the Functions host does: <c>POST /{FunctionName}</c> with
/// <c>{ Data, Metadata }</c> over loopback, so locally the exact same contract is exercised.
/// </summary>
public sealed class HandlerClient(IServer server, IHttpClientFactory httpClientFactory, TimeProvider time)
{
    public const string HttpClientName = "gongkai-handler";

    public async Task<InvocationResult> InvokeAsync(string functionName, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = time.GetUtcNow().ToString("O"),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(new Uri(BaseAddress, functionName), payload, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? parsed = null;
        try
        {
            parsed = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            // A handler that answered something other than the documented shape: reported as a failure below.
        }
        var logs = parsed is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("Logs", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        var returnValue = parsed is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("ReturnValue", out var v) ? v : (JsonElement?)null;
        return new InvocationResult(response.IsSuccessStatusCode && parsed is not null, (int)response.StatusCode, logs, returnValue);
    }

    private Uri BaseAddress
    {
        get
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The handler is not listening yet.");
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }
}

public sealed record InvocationResult(bool Succeeded, int Status, IReadOnlyList<string> Logs, JsonElement? ReturnValue)
{
    public string Reason => Logs.Count > 0 ? Logs[^1] : $"handler answered {Status}";
}
