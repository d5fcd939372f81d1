using Microsoft.Extensions.DependencyInjection;
using SampleMind.Scheduling.Processing;

namespace SampleMind.Grains.Hosting;

/// <summary>Registers work handlers that this silo's worker runs when its roles include the handler's role.</summary>
public static class WorkHandlerServiceCollectionExtensions
{
    public static IServiceCollection AddWorkHandler<THandler>(this IServiceCollection services, string kind, string role)
        where THandler : class, IWorkHandler
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(new WorkHandlerRegistration(kind, role, sp => sp.GetRequiredService<THandler>()));
        return services;
    }
}
