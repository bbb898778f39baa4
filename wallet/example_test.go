package wallet_test

import (
	"fmt"

	"safeharbor/wallet"
)

func ExampleCheckAddress() {
	a, err := wallet.CheckAddress("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", wallet.Mainnet)
	fmt.Println(a.Type, err)

	_, err = wallet.CheckAddress("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", wallet.Mainnet)
	fmt.Println(wallet.ReasonOf(err))
	// Output:
	// p2wpkh <nil>
	// wrong_network
}

func ExampleParseAccount() {
	// BIP84's published account key for "abandon ... about".
	acc, err := wallet.ParseAccount("zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs", wallet.Mainnet, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	addrs, _ := acc.Addresses(false, 0, 2)
	for i, a := range addrs {
		fmt.Println(i, a.String)
	}
	// Output:
	// 0 bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu
	// 1 bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g
}
