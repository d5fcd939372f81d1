using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Webhooks;

/// <summary>Registers webhook delivery: its options (validated and logged at start) and the sender.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, Action<OptionsBuilder<WebhookOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<WebhookOptions>();
        configure?.Invoke(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<WebhookOptionsLogger>();
        return services;
    }
}
