using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gongkai.Functions.Hosting;

/// <summary>
/// The isolated worker, as the Functions host starts it (in Azure, or under Core Tools' <c>func start</c>): ASP.NET Core
/// integration for the HTTP functions, the app's services, and function classes taken from that same registration.
/// </summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddGongkaiFunctionApp(builder.Configuration);
        builder.Services.AddSingleton<IFunctionActivator, ServiceProviderFunctionActivator>();
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }

    /// <summary>
    /// Resolves function classes from DI instead of constructing them per invocation, so the worker runs exactly the
    /// instances (singletons) the local host runs, with their state (the response cache, the counters).
    /// </summary>
    private sealed class ServiceProviderFunctionActivator : IFunctionActivator
    {
        public object? CreateInstance(Type instanceType, FunctionContext context) => context.InstanceServices.GetRequiredService(instanceType);
    }
}
