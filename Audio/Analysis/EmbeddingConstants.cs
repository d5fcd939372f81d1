namespace SampleMind.Audio;

/// <summary>Standardisation constants of the embedding (mean and std per dimension) and group weights.</summary>
internal static class EmbeddingConstants
{
    public static readonly double[] Mean =
    [
        -60, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        20, 5, 4, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2,
        7.5, 6.5, 8, 7, 7.5, 6.5, 0.1, 0.1,
        15, 15, 15, 15, 15, 15,
        0.2, 0.3, 0.5, 0.2,
        -4, -1, -0.5, 0.5, 0.1, 15, 0.1,
        0.3, 0.2, 0.2,
        1, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25,
    ];

    public static readonly double[] Std =
    [
        40, 15, 10, 8, 8, 6, 6, 5, 5, 5, 4, 4, 4,
        15, 6, 4, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2,
        1, 1, 1, 1, 0.7, 1, 0.1, 0.1,
        6, 6, 6, 6, 6, 6,
        0.2, 0.2, 0.25, 0.2,
        2, 1.5, 1.5, 1, 0.1, 5, 0.15,
        0.3, 0.3, 0.3,
        0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2,
    ];

    /// <summary>Group weights: about 1/sqrt(group size) times the group's importance.</summary>
    public static double Weight(int index) => index switch
    {
        < 13 => 1.0,
        < 26 => 0.7,
        < 34 => 1.0,
        < 40 => 0.7,
        < 44 => 1.0,
        < 51 => 1.0,
        < 54 => 0.5,
        _ => 0.4,
    };
}
