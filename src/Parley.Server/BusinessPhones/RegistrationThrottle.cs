using Parley.Core.Errors;
using Parley.Core.Profiles;

namespace Parley.Server.BusinessPhones;

/// <summary>
/// Counts <c>/register</c>, <c>/deregister</c> and wrong PINs per phone number on the injected <see cref="TimeProvider"/>
/// (<see cref="RegistrationLimits"/>). The counts live in this node's memory: with several nodes each node counts the
/// requests it serves, and a restart forgets them.
/// </summary>
internal sealed class RegistrationThrottle(TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _wrongPins = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts one <c>/register</c> or <c>/deregister</c> request; 133016 when the window is full.</summary>
    public WhatsAppError? TryRequest(string phoneNumberId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var requests = Window(_requests, phoneNumberId, now - RegistrationLimits.RegisterWindow);
            if (requests.Count >= RegistrationLimits.RegisterRequestsPerWindow)
            {
                return ErrorCatalog.RegisterDeregisterRateLimit.With(
                    $"Too many register and deregister requests for this phone number: at most {RegistrationLimits.RegisterRequestsPerWindow} in 72 hours.");
            }
            requests.Enqueue(now);
            return null;
        }
    }

    /// <summary>133008 after too many wrong PINs in the window, 133009 for a guess too soon after a wrong one; otherwise <c>null</c>.</summary>
    public WhatsAppError? CheckPinGuess(string phoneNumberId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var wrong = Window(_wrongPins, phoneNumberId, now - RegistrationLimits.WrongPinWindow);
            if (wrong.Count >= RegistrationLimits.WrongPinsPerWindow)
            {
                return ErrorCatalog.TooManyPinGuesses.With("Too many wrong two-step verification PINs; try again later.");
            }
            if (wrong.Count >= RegistrationLimits.WrongPinsBeforeDelay && now - wrong.Last() < RegistrationLimits.MinTimeAfterWrongPin)
            {
                return ErrorCatalog.PinGuessedTooFast.With("The two-step verification PIN was guessed too fast after a wrong one; wait and try again.");
            }
            return null;
        }
    }

    /// <summary>Records a wrong PIN (a 133005 answer).</summary>
    public void WrongPin(string phoneNumberId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Window(_wrongPins, phoneNumberId, now - RegistrationLimits.WrongPinWindow).Enqueue(now);
        }
    }

    private static Queue<DateTimeOffset> Window(Dictionary<string, Queue<DateTimeOffset>> all, string key, DateTimeOffset since)
    {
        if (!all.TryGetValue(key, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            all[key] = queue;
        }
        while (queue.Count > 0 && queue.Peek() <= since)
        {
            queue.Dequeue();
        }
        return queue;
    }
}
