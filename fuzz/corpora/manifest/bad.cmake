message("open)
#[[ x
