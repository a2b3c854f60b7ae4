//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "handbook",
    version,
    about = "Builds engineering-management handbooks into fast, searchable static sites"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The handbook's folder (default: the nearest folder at or above this one with a book.toml).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Where to write the site (default: [build] dest, "public"), relative to the current folder.
    #[arg(long)]
    pub dest: Option<PathBuf>,
    /// The address the site will be published at, e.g. https://intranet.example.com/handbook/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}
