/// The version of this `bms` build, shown by `bms version`, `/health` and the pages' footer.
public enum AppVersion {
    public static let current = "0.1.0"
}
