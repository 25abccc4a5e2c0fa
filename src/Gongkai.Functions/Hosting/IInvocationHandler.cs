namespace Gongkai.Functions.Hosting;

/// <summary>Turns one trigger's invocation payload into a call of its function body.</summary>
public interface IInvocationHandler
{
    /// <summary>The function's folder name, and the path the host POSTs to.</summary>
    string FunctionName { get; }

    /// <summary>Runs the function; the result becomes <c>ReturnValue</c>. Throwing fails the invocation.</summary>
    Task<object?> InvokeAsync(InvocationRequest request, InvocationContext context);
}
