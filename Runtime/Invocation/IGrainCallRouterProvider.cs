using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Invocation;

/// <summary>
/// Registered by cluster mode: makes the silo's router in place of the local one. Embedded mode
/// registers none.
/// </summary>
internal interface IGrainCallRouterProvider
{
    IGrainCallRouter Create(SiloRuntime runtime);
}
