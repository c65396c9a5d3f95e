// Copyright

/* block
 comment */
package main

func main() {
	http.ListenAndServe(":8080", nil)
}
