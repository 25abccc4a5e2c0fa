using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting.Triggers;

namespace Gongkai.Functions.Hosting;

/// <summary><c>POST /ScheduleHarvest</c>: the nightly timer trigger.</summary>
public sealed class ScheduleHarvestInvocation(ScheduleHarvestFunction function) : IInvocationHandler
{
    public string FunctionName => FunctionNames.ScheduleHarvest;

    public async Task<object?> InvokeAsync(InvocationRequest request, InvocationContext context)
    {
        var timer = TimerTriggerInput.FromInvocation(request, FunctionNames.TimerBinding);
        return await function.RunAsync(timer.IsPastDue, context.InvocationId, context.Logger, context.CancellationToken);
    }
}
