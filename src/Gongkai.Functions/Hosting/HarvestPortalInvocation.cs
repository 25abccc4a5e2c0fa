using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting.Triggers;

namespace Gongkai.Functions.Hosting;

/// <summary><c>POST /HarvestPortal</c>: a harvest-requests queue message.</summary>
public sealed class HarvestPortalInvocation(HarvestPortalFunction function) : IInvocationHandler
{
    public string FunctionName => FunctionNames.HarvestPortal;

    public async Task<object?> InvokeAsync(InvocationRequest request, InvocationContext context)
    {
        var message = QueueTriggerInput.FromInvocation(request, FunctionNames.QueueBinding);
        HarvestRequest harvest;
        try
        {
            harvest = HarvestRequest.Parse(message.Text);
        }
        catch (FormatException e)
        {
            // Retrying cannot fix a malformed message; failing it sends it to the poison queue for an operator.
            throw new InvalidInvocationException(e.Message);
        }
        return await function.RunAsync(harvest, message.DequeueCount, context.Logger, context.CancellationToken);
    }
}
