using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Hosting;

/// <summary>Maps <c>POST /{FunctionName}</c> for every non-HTTP function, as the custom-handler contract expects.</summary>
public static partial class InvocationEndpoints
{
    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder endpoints)
    {
        // By name: resolving the handlers here would build the whole service graph (and validate every option) at startup.
        foreach (var functionName in FunctionNames.Invoked)
        {
            endpoints.MapPost("/" + functionName, (Func<HttpContext, Task<IResult>>)(http => InvokeAsync(functionName, http)))
                .ExcludeFromDescription();
        }
        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpContext http)
    {
        var services = http.RequestServices;
        var handler = services.GetServices<IInvocationHandler>().Single(h => h.FunctionName == functionName);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Function." + functionName);
        var counters = services.GetRequiredService<FunctionCounters>();

        InvocationRequest request;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            request = InvocationRequest.Parse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidInvocationException)
        {
            LogBadPayload(logger, functionName, e.Message);
            counters.Failed(functionName);
            return Results.Json(new InvocationResponse { Logs = [$"Invalid invocation payload: {e.Message}"] }, statusCode: StatusCodes.Status400BadRequest);
        }

        var invocationId = request.Sys.RandGuid ?? Guid.NewGuid().ToString();
        var context = new InvocationContext(functionName, invocationId, logger, http.RequestAborted);
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["FunctionName"] = functionName });
        try
        {
            var result = await handler.InvokeAsync(request, context);
            counters.Succeeded(functionName, Stopwatch.GetElapsedTime(started));
            return Results.Json(new InvocationResponse { Logs = context.Logs, ReturnValue = result });
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(context.Logger, e, functionName, invocationId);
            counters.Failed(functionName);
            // A non-2xx answer fails the invocation: the host's retries and poison handling take over.
            var status = e is InvalidInvocationException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
            return Results.Json(new InvocationResponse { Logs = context.Logs }, statusCode: status);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Invalid invocation payload for {FunctionName}: {Reason}")]
    private static partial void LogBadPayload(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Invocation of {FunctionName} failed ({InvocationId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId);
}
