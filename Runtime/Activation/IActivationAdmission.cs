namespace SampleMind.Runtime.Activation;

/// <summary>
/// The placement's consent to create one activation (cluster mode: the grain's partition lease, see
/// <see cref="Hosting.SiloRuntime.AdmitActivation"/>). The catalog ends it once the new activation is in the catalog,
/// so a partition that stops taking calls can wait for the creations it let in before it enumerates its activations.
/// </summary>
internal interface IActivationAdmission
{
    void End();
}
