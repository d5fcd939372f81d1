using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Invocation;

/// <summary>Embedded mode: every grain lives in this process's catalog.</summary>
internal sealed class LocalGrainCallRouter(SiloRuntime runtime) : IGrainCallRouter
{
    public Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        request.Target = target;
        var parent = GrainRequest.Current;
        if (parent is not null)
        {
            request.Parent = parent;
            parent.Awaiting = request;
        }

        RuntimeTracing.StartClient(request, runtime.Options.SiloId);

        try
        {
            request.CopyArgumentsForLocalCall();
            runtime.Catalog.Dispatch(request, allowInline: true);
        }
        catch (Exception ex)
        {
            return Task.FromException<TResult>(ex);
        }

        return request.GetResultTask(runtime.PendingCalls);
    }
}
