using Gongkai.Functions.Functions;
using Gongkai.Functions.Hosting.Triggers;
using Gongkai.Harvest.Stores;

namespace Gongkai.Functions.Hosting;

/// <summary><c>POST /ParseReport</c>: a blob trigger on <c>raw-reports/{name}</c>.</summary>
public sealed class ParseReportInvocation(ParseReportFunction function) : IInvocationHandler
{
    public string FunctionName => FunctionNames.ParseReport;

    public async Task<object?> InvokeAsync(InvocationRequest request, InvocationContext context)
    {
        var blob = BlobTriggerInput.FromInvocation(request, FunctionNames.BlobBinding, StorageNames.RawReportsContainer);
        (ReadOnlyMemory<byte>, string?)? content = blob.Content is { } bytes ? (bytes, blob.ETag) : null;
        return await function.RunAsync(blob.Name, content, context.Logger, context.CancellationToken);
    }
}
