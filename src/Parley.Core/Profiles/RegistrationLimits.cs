namespace Parley.Core.Profiles;

/// <summary>Throttles on <c>/register</c> and <c>/deregister</c> (digest §5.2, §6; errors 133008, 133009, 133016).</summary>
public static class RegistrationLimits
{
    /// <summary>
    /// M:cloud-api/reference/registration: "limited to 10 registration requests per business number in a 72-hour
    /// moving window" (133016). Parley counts <c>/register</c> and <c>/deregister</c> requests together.
    /// </summary>
    public const int RegisterRequestsPerWindow = 10;

    /// <summary>The moving window of <see cref="RegisterRequestsPerWindow"/>: 72 hours.</summary>
    public static readonly TimeSpan RegisterWindow = TimeSpan.FromHours(72);

    /// <summary>Meta publishes no number for 133008; Parley allows 5 wrong PINs per <see cref="WrongPinWindow"/>.</summary>
    public const int WrongPinsPerWindow = 5;

    /// <summary>The window of <see cref="WrongPinsPerWindow"/>: one hour (Parley's choice).</summary>
    public static readonly TimeSpan WrongPinWindow = TimeSpan.FromHours(1);

    /// <summary>After this many wrong PINs in the window, guesses are spaced by <see cref="MinTimeAfterWrongPin"/> (a single typo is not delayed).</summary>
    public const int WrongPinsBeforeDelay = 2;

    /// <summary>Meta publishes no number for 133009; Parley refuses a PIN guess sooner than 5 seconds after a wrong one, once <see cref="WrongPinsBeforeDelay"/> were wrong.</summary>
    public static readonly TimeSpan MinTimeAfterWrongPin = TimeSpan.FromSeconds(5);
}
