using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

/// <summary>
/// The catalog asks the placement before it creates an activation and ends that admission only once the activation is
/// in the catalog (a partition hand-off waits for admissions in progress, then enumerates the activations).
/// </summary>
public sealed class ActivationAdmissionTests
{
    [Fact]
    public async Task An_activation_is_admitted_once_and_its_admission_ends_after_it_is_in_the_catalog()
    {
        await using var silo = await TestSilo.StartAsync();
        var runtime = silo.Services.GetRequiredService<SiloRuntime>();
        var admissions = new List<Admission>();
        runtime.AdmitActivation = id =>
        {
            var admission = new Admission(runtime, id);
            lock (admissions)
            {
                admissions.Add(admission);
            }

            return admission;
        };

        var key = Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<ILifecycleGrain>(key);
        Assert.Equal(1, await grain.Activations());
        Assert.Equal(1, await grain.Activations());

        var only = Assert.Single(admissions);
        Assert.Equal(key, only.Id.Key);
        Assert.Equal(1, only.Ends);
        Assert.True(only.InCatalogAtEnd);
    }

    [Fact]
    public async Task A_refused_admission_fails_the_call_and_creates_no_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var runtime = silo.Services.GetRequiredService<SiloRuntime>();
        runtime.AdmitActivation = id => throw new InvalidOperationException($"not here: {id}");

        var key = Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ILifecycleGrain>(key).Activations());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Catalog.Activations, a => a.GrainId.Key == key);
    }

    private sealed class Admission(SiloRuntime runtime, GrainId id) : IActivationAdmission
    {
        public GrainId Id => id;

        public int Ends { get; private set; }

        public bool InCatalogAtEnd { get; private set; }

        public void End()
        {
            Ends++;
            InCatalogAtEnd = runtime.Catalog.Activations.Any(a => a.GrainId == id);
        }
    }
}
