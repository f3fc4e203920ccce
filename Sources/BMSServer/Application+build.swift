import BMSCore
import BMSPayments
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Builds the BookMySleep application: checks the assets, opens the data store, and wires routes,
/// middleware and services. Run it with `app.runService()`, which stops gracefully on SIGTERM/SIGINT.
///
/// ```swift
/// let app = try await buildApplication(arguments)
/// try await app.runService()
/// ```
/// - Throws: `AssetError` for unusable assets, `StoreError` when the data cannot be opened.
public func buildApplication(_ arguments: some AppArguments) async throws -> some ApplicationProtocol {
    let configuration = arguments.configuration
    let logger = makeLogger(configuration, output: arguments.logOutput)
    let dependencies = try await AppDependencies(configuration: configuration, logger: logger)
    if configuration.isDemo { try await seedDemoData(dependencies) }
    return buildApplication(dependencies, router: buildRouter(dependencies))
}

/// `bms seed`: loads the demo data set into the configured data directory unless it already has users;
/// returns what was made (nil when nothing was).
public func seedDemoData(_ configuration: AppConfiguration, logOutput: LogOutput = .standardError) async throws -> DemoData.Summary? {
    let dependencies = try await AppDependencies(configuration: configuration, logger: makeLogger(configuration, output: logOutput))
    defer { dependencies.store.close() }
    return try await seedDemoData(dependencies)
}

@discardableResult
private func seedDemoData(_ dependencies: AppDependencies) async throws -> DemoData.Summary? {
    let (store, events, configuration, now) = (dependencies.store, dependencies.events, dependencies.configuration, dependencies.now)
    let secret = try await ServerSecrets.demoWebhookSecret(in: store)
    // Paid with the built-in provider on the seeding clock; its events wait in its outbox for the server.
    let demo = DemoData(
        accounts: dependencies.accounts, listings: dependencies.listings,
        makeServices: { clock in
            let bookings = try BookingService(store: store, settings: configuration.bookingSettings, events: events, now: clock)
            let provider = try DemoPaymentProvider(store: store, webhookSecret: secret, siteURL: configuration.linkBaseURL, now: clock)
            return (
                bookings,
                try PaymentService(store: store, provider: provider, bookings: bookings, settings: configuration.paymentSettings, now: clock)
            )
        },
        now: now
    )
    let summary = try await demo.seedIfEmpty()
    if let summary {
        dependencies.logger.info(
            "demo data loaded",
            metadata: [
                "users": .stringConvertible(summary.users), "properties": .stringConvertible(summary.properties),
                "bookings": .stringConvertible(summary.bookings),
            ])
    }
    return summary
}

/// The application for already-made dependencies and router (tests make the dependencies with their own
/// clock, and may add routes to the router).
func buildApplication(_ dependencies: AppDependencies, router: Router<AppRequestContext>) -> Application<RouterResponder<AppRequestContext>> {
    let configuration = dependencies.configuration
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [StoreService(store: dependencies.store, logger: dependencies.logger), JobScheduler(dependencies)],
        onServerRunning: { channel in
            if configuration.isDemo { printDemoBanner(configuration, port: channel.localAddress?.port) }
        },
        logger: dependencies.logger)
}

/// Every route and middleware. Middleware run in the order added, outermost first; each applies only
/// to routes added after it.
func buildRouter(_ dependencies: AppDependencies) -> Router<AppRequestContext> {
    let configuration = dependencies.configuration
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(https: configuration.isPublishedOverHTTPS, policy: dependencies.contentSecurityPolicy))
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: HTTPMetricsMiddleware(metrics: dependencies.httpMetrics))
    router.add(middleware: ErrorResponseMiddleware(pages: dependencies.pages))
    if let limiter = dependencies.rateLimiter {
        router.add(middleware: RateLimitMiddleware(limiter: limiter, trustProxy: configuration.trustProxy))
    }
    router.add(
        middleware: RequestBodyLimitMiddleware(
            jsonLimit: configuration.maxJSONBytes, uploadLimit: configuration.maxUploadBytes,
            multiFileRoutes: ListingImageController.uploadRoutes.union(ListingPhotoPagesController.uploadRoutes),
            filesPerUpload: ListingService.imageLimit))
    router.add(middleware: AuthenticationMiddleware(tokens: dependencies.accessTokens, accounts: dependencies.accounts))

    AssetController(assets: dependencies.publicAssets).addRoutes(to: router)
    HealthController(store: dependencies.store).addRoutes(to: router)
    MetricsController(
        registry: dependencies.metricsRegistry, storeMetrics: dependencies.storeMetrics, searchCacheMetrics: dependencies.searchCacheMetrics
    ).addRoutes(to: router)
    dependencies.openAPI.addRoutes(to: router)
    let issuer = SessionIssuer(
        tokens: dependencies.accessTokens, cookies: SessionCookies(secure: configuration.isPublishedOverHTTPS), now: dependencies.now)
    AuthController(
        accounts: dependencies.accounts, issuer: issuer, mailLinks: dependencies.mailLinks, trustProxy: configuration.trustProxy
    ).addRoutes(to: router)
    addPageRoutes(to: router, dependencies, issuer: issuer)
    UserController(accounts: dependencies.accounts, payments: dependencies.payments).addRoutes(to: router)
    AdminController(accounts: dependencies.accounts, outbox: dependencies.outbox).addRoutes(to: router)
    MediaController(media: dependencies.media).addRoutes(to: router)
    PropertyController(listings: dependencies.listings).addRoutes(to: router)
    RoomController(
        listings: dependencies.listings, bookings: dependencies.bookings, minimumNights: configuration.minimumStayNights
    ).addRoutes(to: router)
    ListingImageController(listings: dependencies.listings, maxFileBytes: configuration.maxUploadBytes).addRoutes(to: router)
    PropertyVerificationController(listings: dependencies.listings, mailLinks: dependencies.mailLinks).addRoutes(to: router)
    NotificationController(notifications: dependencies.notifications, now: dependencies.now).addRoutes(to: router)
    BookingController(bookings: dependencies.bookings, payments: dependencies.payments).addRoutes(to: router)
    let demo = dependencies.demoPayments
    PaymentController(
        payments: dependencies.payments, webhook: dependencies.webhook,
        checkoutURL: { checkout in demo.map { _ in DemoPaymentPages.checkoutPath(checkout) } },
        publishableKey: configuration.usesStripe ? configuration.stripePublishableKey : nil
    ).addRoutes(to: router)
    if let demo {
        DemoPaymentPages(provider: demo, payments: dependencies.payments, pages: dependencies.pages, siteURL: configuration.linkBaseURL)
            .addRoutes(to: router)
    }

    // Added last, so it runs only where no route matched (see MethodNotAllowedMiddleware).
    router.add(middleware: MethodNotAllowedMiddleware(table: RouteTable(router.routes)))
    return router
}

/// The web pages (server-rendered, working without JavaScript).
private func addPageRoutes(to router: Router<AppRequestContext>, _ dependencies: AppDependencies, issuer: SessionIssuer) {
    let (accounts, listings, pages, mailLinks) = (dependencies.accounts, dependencies.listings, dependencies.pages, dependencies.mailLinks)
    SearchPagesController(listings: listings, pages: pages).addRoutes(to: router)
    PropertyPageController(listings: listings, pages: pages).addRoutes(to: router)
    let (bookings, payments, now) = (dependencies.bookings, dependencies.payments, dependencies.now)
    BookingPageController(listings: listings, bookings: bookings, pages: pages).addRoutes(to: router)
    MyBookingsPagesController(bookings: bookings, payments: payments, listings: listings, pages: pages, now: now).addRoutes(to: router)
    BookingPaymentPagesController(
        bookings: bookings, payments: payments, listings: listings, demoPayments: dependencies.demoPayments,
        stripePublishableKey: dependencies.configuration.usesStripe ? dependencies.configuration.stripePublishableKey : nil,
        contentSecurityPolicy: dependencies.contentSecurityPolicy, pages: pages, now: now
    ).addRoutes(to: router)
    SignupPagesController(accounts: accounts, issuer: issuer, pages: pages, mailLinks: mailLinks).addRoutes(to: router)
    LoginPagesController(accounts: accounts, issuer: issuer, pages: pages, trustProxy: dependencies.configuration.trustProxy)
        .addRoutes(to: router)
    PasswordPagesController(accounts: accounts, pages: pages, mailLinks: mailLinks).addRoutes(to: router)
    VerificationPageController(accounts: accounts, pages: pages).addRoutes(to: router)
    ProfilePagesController(accounts: accounts, pages: pages).addRoutes(to: router)
    addOwnerPageRoutes(to: router, dependencies)
}

/// The owner's and the admin's pages: dashboard, listings, rooms, photos and the verification queue.
private func addOwnerPageRoutes(to router: Router<AppRequestContext>, _ dependencies: AppDependencies) {
    let (listings, pages) = (dependencies.listings, dependencies.pages)
    OwnerDashboardController(
        listings: listings, bookings: dependencies.bookings, payments: dependencies.payments, pages: pages, now: dependencies.now
    ).addRoutes(to: router)
    PropertyFormPagesController(listings: listings, pages: pages).addRoutes(to: router)
    RoomPagesController(listings: listings, pages: pages).addRoutes(to: router)
    ListingPhotoPagesController(listings: listings, pages: pages, maxFileBytes: dependencies.configuration.maxUploadBytes).addRoutes(to: router)
    AdminVerificationPagesController(listings: listings, pages: pages, mailLinks: dependencies.mailLinks).addRoutes(to: router)
}

/// The application's logger: our line handler at the configured level and format.
func makeLogger(_ configuration: AppConfiguration, output: LogOutput) -> Logger {
    Logger(label: "bms") { label in
        LineLogHandler(label: label, level: configuration.logLevel, format: configuration.logFormat, output: output)
    }
}

/// `--demo` tells the person who started it where to look, once the server is actually listening.
private func printDemoBanner(_ configuration: AppConfiguration, port: Int?) {
    let url = "http://\(configuration.host):\(port ?? configuration.port)"
    let banner = """

          BookMySleep demo is running at \(url)
          Data is kept in \(configuration.store.path). Press Ctrl-C to stop.

          Demo logins (password \(DemoData.password)):
            admin    \(DemoData.adminEmail)
            owners   owner1@bookmysleep.demo … owner3@bookmysleep.demo
            seekers  seeker1@bookmysleep.demo … seeker20@bookmysleep.demo


        """
    FileHandle.standardOutput.write(Data(banner.utf8))
}
