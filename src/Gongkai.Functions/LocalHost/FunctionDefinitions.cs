using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Reads the same <c>function.json</c> files the Functions host reads (published beside the executable), so the local
/// driver triggers on exactly what Azure would: the timer's schedule, the queue's name, the blob path.
/// </summary>
public sealed partial class FunctionDefinitions(IConfiguration configuration)
{
    public const string DefaultHarvestSchedule = "0 0 18 * * *";

    public static string AppRoot => AppContext.BaseDirectory;

    public JsonElement Trigger(string functionName)
    {
        var path = Path.Combine(AppRoot, functionName, "function.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{functionName}/function.json is missing from {AppRoot}; the build copies it there.", path);
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
        {
            if (binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))
            {
                return binding.Clone();
            }
        }
        throw new InvalidDataException($"{path} declares no trigger binding.");
    }

    /// <summary>A trigger setting with <c>%AppSetting%</c> references resolved, as the host resolves them.</summary>
    public string Setting(string functionName, string property)
    {
        var raw = Trigger(functionName).GetProperty(property).GetString()
            ?? throw new InvalidDataException($"{functionName}/function.json has no {property}.");
        return AppSettingReference().Replace(raw, match =>
        {
            var name = match.Groups[1].Value;
            var value = configuration[name];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
            return name == "HarvestSchedule" ? DefaultHarvestSchedule
                : throw new InvalidOperationException($"{functionName}/function.json refers to app setting %{name}%, which is not set.");
        });
    }

    [GeneratedRegex("%([A-Za-z0-9_:.]+)%")]
    private static partial Regex AppSettingReference();
}
