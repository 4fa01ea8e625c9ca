using Parley.Server.BusinessPhones;

namespace Parley.Server.Automation;

public static class AutomationServiceCollectionExtensions
{
    /// <summary>Conversational automation: a number's welcome message switch, ice breakers and commands, kept once for every dialect.</summary>
    public static IServiceCollection AddAutomation(this IServiceCollection services)
    {
        services.AddSingleton<ConversationalAutomations>();
        services.AddSingleton<IPhoneNumberNodeField, ConversationalAutomationField>();
        return services;
    }

    /// <summary>The Cloud API's <c>/{phone-number-id}/conversational_automation</c>; the field is on the number's node.</summary>
    public static IEndpointRouteBuilder MapAutomation(this IEndpointRouteBuilder app)
    {
        app.MapConversationalAutomation();
        return app;
    }
}
