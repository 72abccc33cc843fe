//! `skolbryggan menu search|attach|detach`: public lunch menus for a child whose platform has
//! none.

use skolbryggan::provider::menus::{MenuService, MenuSource};

use crate::args::{GlobalArgs, MenuCommand, MenuServiceArg};
use crate::exit::Failure;

fn service(arg: MenuServiceArg) -> MenuService {
    match arg {
        MenuServiceArg::Skolmaten => MenuService::Skolmaten,
        MenuServiceArg::Matilda => MenuService::Matilda,
    }
}

/// Runs a `menu` subcommand.
pub async fn run(global: &GlobalArgs, command: MenuCommand) -> Result<(), Failure> {
    match command {
        MenuCommand::Search(args) => {
            let client = super::open::client(global).await?;
            let query = args.query.join(" ");
            let hits = client
                .search_menu_schools(args.service.map(service), &query)
                .await?;
            if args.json {
                print!("{}", super::pretty_json(&hits)?);
            } else if hits.is_empty() {
                eprintln!("no school matches {query:?}");
            } else {
                for hit in &hits {
                    let place = hit
                        .place
                        .as_deref()
                        .map_or(String::new(), |p| format!(" ({p})"));
                    println!("{}\t{}\t{}{place}", hit.service, hit.id, hit.name);
                }
            }
            Ok(())
        }
        MenuCommand::Attach(args) => {
            let client = super::open::resumed_client(global).await?;
            let children = client.children().await?.value;
            let child = super::resolve_child(&children, &args.child)?;
            let name = args.name.as_deref().unwrap_or(&args.school);
            let source = MenuSource::new(service(args.service), &args.school, name);
            client.attach_menu(&child.id, source).await?;
            eprintln!(
                "attached {name} ({}) to {}; `skolbryggan sync` fetches its menu",
                service(args.service),
                child.first_name
            );
            Ok(())
        }
        MenuCommand::Detach(args) => {
            let client = super::open::resumed_client(global).await?;
            let children = client.children().await?.value;
            let child = super::resolve_child(&children, &args.child)?;
            match client.detach_menu(&child.id).await? {
                Some(was) => eprintln!("detached {} from {}", was.school_name, child.first_name),
                None => eprintln!("{} had no public menu attached", child.first_name),
            }
            Ok(())
        }
    }
}
