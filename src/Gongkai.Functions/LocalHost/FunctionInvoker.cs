using System.Reflection;
using Gongkai.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.LocalHost;

/// <summary>
/// Calls a trigger function's method as the worker would: the instance from DI, the trigger value for the trigger
/// parameter, the cancellation token, and any other parameter by name from the trigger's binding data.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services)
{
    /// <returns>The function's return value (its outcome, for the local host's bookkeeping).</returns>
    public async Task<object?> InvokeAsync(DeclaredFunction function, object trigger, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        var instance = services.GetRequiredService(function.Type);
        var arguments = function.Method.GetParameters().Select(parameter =>
            parameter == function.TriggerParameter ? trigger
            : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : bindingData.TryGetValue(parameter.Name!, out var value) ? value
            : throw new InvalidOperationException($"{function.Name}: no binding data for parameter '{parameter.Name}'.")).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        if (returned is not Task task)
        {
            return returned;
        }
        await task;
        return function.Method.ReturnType.IsGenericType ? function.Method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
