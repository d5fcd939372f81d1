using SampleMind.Scheduling.Processing;

namespace SampleMind.Grains.Hosting;

/// <summary>A work handler for one item kind, claimed by workers of <paramref name="Role"/>.</summary>
/// <param name="Kind">The item kind ("ingest.analyze", "stems.separate", ...).</param>
/// <param name="Role">The role whose workers claim such items ("cpu" or "gpu").</param>
public sealed record WorkHandlerRegistration(string Kind, string Role, Func<IServiceProvider, IWorkHandler> Create);
