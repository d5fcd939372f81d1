namespace SampleMind.Runtime.Activation;

internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
