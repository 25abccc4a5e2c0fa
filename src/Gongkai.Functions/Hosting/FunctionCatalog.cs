using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.Configuration;

namespace Gongkai.Functions.Hosting;

/// <summary>
/// The app's functions as their attributes declare them: the same <c>[Function]</c> methods and trigger attributes the
/// Worker SDK reads at build time to write <c>functions.metadata</c>. The DI registration and the local host use it, so
/// what runs locally is what Azure runs.
/// </summary>
public static partial class FunctionCatalog
{
    public static IReadOnlyList<DeclaredFunction> All { get; } = Discover(typeof(FunctionCatalog).Assembly);

    /// <summary>The classes holding functions; each is registered in DI and resolved from it by either host.</summary>
    public static IReadOnlyList<Type> Types { get; } = [.. All.Select(f => f.Type).Distinct()];

    public static DeclaredFunction Get(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"There is no function named {name}.");

    public static IEnumerable<DeclaredFunction> WithTrigger<TTrigger>() where TTrigger : TriggerBindingAttribute =>
        All.Where(f => f.Trigger is TTrigger);

    /// <summary>
    /// A trigger setting with its <c>%AppSetting%</c> references resolved, as the host resolves them. A setting that is
    /// not there stops startup naming it, unless <paramref name="defaults"/> has a value for it.
    /// </summary>
    public static string Resolve(string value, IConfiguration configuration, IReadOnlyDictionary<string, string>? defaults = null) =>
        AppSettingReference().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            if (configuration[name] is { Length: > 0 } setting && !string.IsNullOrWhiteSpace(setting))
            {
                return setting;
            }
            return defaults is not null && defaults.TryGetValue(name, out var fallback)
                ? fallback
                : throw new InvalidOperationException($"'{value}' refers to app setting %{name}%, which is not set.");
        });

    private static List<DeclaredFunction> Discover(Assembly assembly)
    {
        var functions = new List<DeclaredFunction>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }
                var triggers = method.GetParameters()
                    .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<TriggerBindingAttribute>()))
                    .Where(p => p.Attribute is not null)
                    .ToList();
                if (triggers.Count != 1)
                {
                    throw new InvalidOperationException($"Function {function.Name} ({type.Name}.{method.Name}) must have exactly one trigger parameter.");
                }
                functions.Add(new DeclaredFunction(function.Name, type, method, triggers[0].Parameter, triggers[0].Attribute!));
            }
        }
        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    [GeneratedRegex("%([A-Za-z0-9_:.]+)%")]
    private static partial Regex AppSettingReference();
}

/// <summary>One <c>[Function]</c> method: its name, where it lives and its trigger.</summary>
public sealed record DeclaredFunction(string Name, Type Type, MethodInfo Method, ParameterInfo TriggerParameter, TriggerBindingAttribute Trigger);
