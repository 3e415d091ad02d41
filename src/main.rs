fn main() -> std::process::ExitCode {
    versus::cli::main()
}
